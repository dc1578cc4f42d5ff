package io.sipfront.daemon.ctl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.core.registration.RegistrationStatus;
import io.sipfront.daemon.admin.AdminDispatcher;
import io.sipfront.daemon.admin.AdminServer;
import io.sipfront.daemon.admin.ApiToken;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** {@code sipfront ctl registrations} against an admin server answering as the registrations module does. */
class RegistrationsCommandTest {
    private final AdminExtension registrations = () -> List.of(AdminRoute.get("/api/v1/registrations",
            r -> AdminReply.ok(Map.of("registrations", List.of(
                    new RegistrationStatus("carrier-a", "sip:sipfront-a@carrier-a.sipfront.test",
                            "sip:127.0.0.20:5060", "<sip:sipfront-a@127.0.0.1:5060>", true, true, 143, 300,
                            "c1@sipfront", 7, null, 0),
                    new RegistrationStatus("carrier-c", "sip:t@c.test", "sip:127.0.0.22", null, true, false, 0, 0,
                            "c2@sipfront", 3, "403 Forbidden", 2),
                    new RegistrationStatus("carrier-d", "sip:t@d.test", "sip:127.0.0.23", null, false, false, 0, 0,
                            null, 0, "not registering on this node", 0))))));
    private final AdminServer server = AdminServer.start(new InetSocketAddress("127.0.0.1", 0),
            AdminDispatcher.of(List.of(registrations), ApiToken.of("registrations-test-token-01")));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @AfterEach
    void stop() {
        server.close();
    }

    private int ctl(String... args) {
        return CtlCommands.standard().run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String api() {
        return "http://127.0.0.1:" + server.localAddress().getPort();
    }

    @Test
    void oneRowPerAccountWithStateExpiryAndLastError() {
        assertEquals(0, ctl("registrations", "--api", api()), err.toString());
        List<String> lines = out.toString().lines().toList();
        assertEquals(4, lines.size(), out.toString());
        assertTrue(lines.get(1).matches("carrier-a\\s+registered\\s+143s\\s+sip:sipfront-a@carrier-a\\.sipfront\\.test"
                + "\\s+-"), lines.get(1));
        assertTrue(lines.get(2).matches("carrier-c\\s+failing\\s+0s\\s+sip:t@c\\.test\\s+403 Forbidden"), lines.get(2));
        assertTrue(lines.get(3).startsWith("carrier-d        standby"), lines.get(3));
    }

    @Test
    void jsonIsTheRawAnswer() {
        assertEquals(0, ctl("registrations", "--json", "--api", api()));
        assertTrue(out.toString().contains("\"carrier\":\"carrier-a\""), out.toString());
    }
}
