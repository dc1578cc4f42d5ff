package io.sipfront.core.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipfront.core.admin.AdminException;
import io.sipfront.core.admin.AdminRequest;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.core.testing.EdgeConfigs;
import io.sipfront.core.testing.TestConfigs;
import io.sipfront.time.FakeClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EdgeAdminTest {
    private final FakeClock clock = new FakeClock();
    private final EdgeProtection edge = new EdgeProtection(EdgeConfigs.withEdge("""
            edge:
              carriers: [{ name: carrier-b, calls_per_second: 20, max_concurrent_calls: 50 }]
            """), clock);
    private final EdgeAdmin admin = new EdgeAdmin(edge);

    private AdminRoute route(String method, String template) {
        return admin.routes().stream().filter(r -> r.method().equals(method) && r.pathTemplate().equals(template))
                .findFirst().orElseThrow();
    }

    private JsonNode get() throws Exception {
        var reply = route("GET", "/api/v1/bans").handler().handle(
                new AdminRequest("GET", "/api/v1/bans", Map.of(), Map.of(), new byte[0]));
        return new ObjectMapper().readTree(reply.body());
    }

    private void unban(String address) throws Exception {
        route("POST", "/api/v1/bans/{address}/unban").handler().handle(new AdminRequest("POST",
                "/api/v1/bans/" + address + "/unban", Map.of("address", address), Map.of(), new byte[0]));
    }

    @Test
    void listsBansTheTableAndTheLimitsAndLiftsABan() throws Exception {
        byte[] options = "OPTIONS sip:x SIP/2.0\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 31; i++) {
            edge.guard().inspect(options, new InetSocketAddress(TestConfigs.ip("203.0.113.9"), 5060));
        }
        JsonNode view = get();
        assertEquals("203.0.113.9", view.path("bans").get(0).path("address").asText());
        assertEquals(60, view.path("bans").get(0).path("remaining_s").asLong());
        assertEquals(1, view.path("tracked_sources").asLong());
        assertEquals(16384, view.path("table_capacity").asLong());
        assertEquals("carrier-b", view.path("limits").get(0).path("name").asText());
        unban("203.0.113.9");
        assertTrue(get().path("bans").isEmpty());
        AdminException notBanned = assertThrows(AdminException.class, () -> unban("203.0.113.9"));
        assertEquals(404, notBanned.status());
        AdminException bad = assertThrows(AdminException.class, () -> unban("example.com"));
        assertEquals(400, bad.status());
    }
}
