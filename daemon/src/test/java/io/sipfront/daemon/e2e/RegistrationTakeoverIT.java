package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_2;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import io.sipfront.redis.testing.RedisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two daemons (SIP on 127.0.0.1 and 127.0.0.2) running config/examples/carrier-accounts.yaml with shared state in one
 * redis-server. Only one registers; it is killed (SIGKILL, no goodbye), and the survivor's next REGISTER continues
 * the same binding: same Call-ID, a higher CSeq. Calls from carrier-a to the contact keep arriving.
 *
 * <p>A simulation of the HA pair: the VIP needs network namespaces (HaNamespaceIT), so these two nodes have no
 * {@code ha} section and elect the registering node with the Redis registrar lease instead; the takeover path
 * (reading the peer's record, refreshing with the next CSeq) is the same one a VIP takeover runs.
 */
@ExtendWith(RequiresSipp.class)
class RegistrationTakeoverIT {
    static final String PASSWORD = "e2e-takeover-pw-71";
    private static final Duration WAIT = Duration.ofSeconds(20);
    private final List<SipfrontProcess> daemons = new ArrayList<>();
    private RedisServer redis;
    private SipPeer registrar;

    @AfterEach
    void stopAll() throws Exception {
        for (SipfrontProcess d : daemons) {
            d.stop();
        }
        if (registrar != null) {
            registrar.close();
        }
        if (redis != null) {
            redis.stop();
        }
    }

    @Test
    void theSurvivorRefreshesTheSameBindingAndCallsKeepArriving() throws Exception {
        RedisServer.requireInstalled();
        Path dir = E2e.workRoot().resolve(getClass().getSimpleName());
        Files.createDirectories(dir);
        redis = new RedisServer(dir.resolve("redis.log"));
        redis.start();
        registrar = new SipPeer(CARRIER_A, 5060);
        SipfrontProcess n1 = SipfrontProcess.start(config(dir, "node1", "127.0.0.1", 9061),
                dir.resolve("node1/sipfront.log"));
        daemons.add(n1);
        n1.awaitReady(Duration.ofSeconds(60));

        SipMessage first = register("node1's first REGISTER");
        assertTrue(first.header("Via").orElseThrow().contains("127.0.0.1:5060"), first.toString());
        registrar.reply(SipPeer.response(first, 200, "OK", "r1")
                .header("Contact", "<sip:sipfront-a@127.0.0.1:5060>;expires=300").build());
        awaitBody("http://127.0.0.1:9061/api/v1/registrations", "\"registered\":true", n1);

        SipfrontProcess n2 = SipfrontProcess.start(config(dir, "node2", "127.0.0.2", 9062),
                dir.resolve("node2/sipfront.log"));
        daemons.add(n2);
        n2.awaitReady(Duration.ofSeconds(60));
        awaitBody("http://127.0.0.1:9062/api/v1/registrations", "\"active\":false", n2);

        ProcessHandle.of(n1.pid()).ifPresent(ProcessHandle::destroyForcibly); // a crash: no unregister, no lease release
        SipMessage taken = register("the survivor's REGISTER");
        assertTrue(taken.header("Via").orElseThrow().contains("127.0.0.2:5060"), taken.toString());
        assertEquals(callId(first), callId(taken), "the same binding");
        assertTrue(cseq(taken) > cseq(first), cseq(taken) + " after " + cseq(first));
        assertEquals(first.header("From").orElseThrow(), taken.header("From").orElseThrow(), "same From tag");
        registrar.reply(SipPeer.response(taken, 200, "OK", "r2")
                .header("Contact", "<sip:sipfront-a@127.0.0.2:5060>;expires=300").build());
        awaitBody("http://127.0.0.1:9062/api/v1/registrations", "\"registered\":true", n2);
        registrar.close();
        registrar = null;

        Path calls = dir.resolve("calls");
        Files.createDirectories(calls);
        try (Run p1 = Sipp.uas("uas.xml").workDir(calls).name("platform-1").hold(Duration.ofSeconds(2))
                .local(PLATFORM_1).start();
             Run p2 = Sipp.uas("uas.xml").workDir(calls).name("platform-2").hold(Duration.ofSeconds(2))
                     .local(PLATFORM_2).start()) {
            Result carrier = Sipp.uac("uac-to-contact.xml").remote("127.0.0.2:5060").workDir(calls).name("carrier-a")
                    .local(CARRIER_A, 5070).service("+442079460000").set("caller", "+442071234567")
                    .set("contact", "sipfront-a").calls(1).callIdPrefix("takeover").start()
                    .await(Duration.ofSeconds(40));
            Result r1 = p1.stop();
            Result r2 = p2.stop();
            carrier.assertAllSucceeded(1);
            assertEquals(1, r1.counter("invite") + r2.counter("invite"), r1.evidence() + r2.evidence());
        }
    }

    private SipMessage register(String what) throws Exception {
        return registrar.receive(m -> m.isRequest() && m.method().equals("REGISTER"), WAIT, what);
    }

    private static long cseq(SipMessage m) {
        return m.cseqNumber();
    }

    private static String callId(SipMessage m) {
        return m.callId();
    }

    /** The shipped example on {@code sipIp}, with its own admin port, numbering database and shared state. */
    private Path config(Path dir, String node, String sipIp, int adminPort) throws Exception {
        Path nodeDir = dir.resolve(node);
        Files.createDirectories(nodeDir.resolve("secrets"));
        Files.writeString(nodeDir.resolve("secrets/carrier-a.password"), PASSWORD + "\n");
        String yaml = Files.readString(E2e.home().resolve("config/examples/carrier-accounts.yaml"))
                .replace("    - udp:127.0.0.1:5060\n    - tcp:127.0.0.1:5060\n",
                        "    - udp:" + sipIp + ":5060\n    - tcp:" + sipIp + ":5060\n")
                .replace("advertised_address: 127.0.0.1", "advertised_address: " + sipIp)
                .replace("sqlite_file: ../../data/numbering.db", "sqlite_file: " + nodeDir.resolve("numbering.db"))
                .replace("  addresses: [127.0.0.1:6379]", "  addresses: [127.0.0.1:" + redis.port() + "]")
                + "admin:\n  listen: 127.0.0.1:" + adminPort + "\n  token_file: admin.token\n"
                + "shared_state:\n  cluster: e2e-accounts\n  node_id: " + node + "\n";
        assertTrue(yaml.contains("udp:" + sipIp + ":5060") && yaml.contains(nodeDir.resolve("numbering.db").toString())
                && yaml.contains(":" + redis.port() + "]"), "the example changed: update this test");
        Path file = nodeDir.resolve("sipfront.yaml");
        Files.writeString(file, yaml);
        return file;
    }

    private static void awaitBody(String url, String fragment, SipfrontProcess d) throws Exception {
        AdminPoll.awaitBody(url, fragment, WAIT, d);
    }
}
