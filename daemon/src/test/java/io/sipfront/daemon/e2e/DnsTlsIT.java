package io.sipfront.daemon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipfront.core.tls.Kamailio;
import io.sipfront.core.tls.TestPki;
import io.sipfront.daemon.e2e.TlsSipEndpoint.Connection;
import io.sipfront.daemon.e2e.TlsSipEndpoint.Received;
import io.sipfront.resolver.Dnsmasq;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The topology of issue 11 end to end: {@code config/examples/dns-tls.yaml} run unchanged from a copy next to a
 * {@code tls/} directory made with openssl at test time; dnsmasq on 127.0.0.53 and 127.0.0.54 with exactly the
 * issue's SRV and A records (NAPTR and AAAA: no data; never forwarding); the platform as TLS endpoints on 127.0.0.10
 * and 127.0.0.11 port 5061 with certificates for platform.sipfront.test, calling in with a client certificate; the
 * carriers as UDP endpoints on 127.0.0.20 and 127.0.0.21; Kamailio with its tls module as a TLS peer nobody here
 * wrote (the platform relaying into our listener with its client certificate). The JVM runs in a network namespace of its own (the
 * daemon's failsafe execution {@code dns-tls}), so port 53 stays private. The tests share the DNS and run in order:
 * the later ones change records and stop resolvers.
 */
@Tag("netns")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DnsTlsIT extends E2eBase {
    private static final String SIPFRONT_IP = "127.0.0.1";
    private static final InetSocketAddress SIPFRONT_UDP = new InetSocketAddress(SIPFRONT_IP, 5060);
    private static final int TTL_S = 5;
    private static final Duration WAIT = Duration.ofSeconds(10);
    private static final String API = "http://127.0.0.1:9060";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<AutoCloseable> peers = new ArrayList<>();
    private TestPki pki;
    private Path tlsDir;
    private Path hosts;
    private Dnsmasq firstDns;
    private Dnsmasq secondDns;
    private TlsSipEndpoint p1;
    private TlsSipEndpoint p2;
    private UdpSipEndpoint ca;
    private UdpSipEndpoint cb;
    private int calls;

    @Override
    protected String configName() {
        return "dns-tls.yaml";
    }

    /** Everything the example config expects, around a copy of it; then the daemon starts. */
    @Override
    protected Path configFile(Path classDir) throws IOException {
        try {
            Optional<String> cannot = Dnsmasq.cannotRun();
            Assumptions.assumeTrue(cannot.isEmpty(), () -> "skipping the DNS/TLS topology: " + cannot.orElseThrow());
            pki = TestPki.get();
            tlsDir = Files.createDirectories(classDir.resolve("tls"));
            Files.copy(pki.ca, tlsDir.resolve("ca.pem"));
            TestPki.install(pki.sipfront, tlsDir.resolve("sipfront.crt"), tlsDir.resolve("sipfront.key"));
            Path config = classDir.resolve("dns-tls.yaml");
            Files.copy(E2e.home().resolve("config/examples/dns-tls.yaml"), config);
            hosts = classDir.resolve("hosts");
            writeHosts("127.0.0.10", "127.0.0.20");
            firstDns = Dnsmasq.start("127.0.0.53", classDir, hosts, TTL_S, Dnsmasq.ISSUE_11_SRV);
            secondDns = Dnsmasq.start("127.0.0.54", classDir, hosts, TTL_S, Dnsmasq.ISSUE_11_SRV);
            p1 = platform("p1", pki.platform, "127.0.0.10");
            p2 = platform("p2", pki.platform, "127.0.0.11");
            ca = udp("127.0.0.20");
            cb = udp("127.0.0.21");
            return config;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException(e);
        }
    }

    @AfterAll
    void stopPeersAndDns() throws Exception {
        for (AutoCloseable c : peers) {
            c.close();
        }
        if (firstDns != null) {
            firstDns.close();
        }
        if (secondDns != null) {
            secondDns.close();
        }
    }

    // ---------------------------------------------------------------------------------------------- the topology

    @Test
    @Order(1)
    void aCarrierCallReachesThePlatformOverTlsByNameAndItsDialogFollowsTheIpContact() throws Exception {
        String callId = nextCallId("in");
        ca.send(invite(callId, "127.0.0.20:5060", "UDP", "<sip:carrier@127.0.0.20:5060>"), SIPFRONT_UDP);
        Received at = awaitOnPlatform(isRequest("INVITE", callId), "the INVITE over TLS");
        SipMessage inv = at.message();
        assertTrue(inv.requestUri().contains("@platform.sipfront.test"),
                () -> "the Request-URI names the platform (trunk by FQDN): " + inv.startLine());
        List<String> rr = inv.values("Record-Route");
        assertEquals(2, rr.size(), () -> "double Record-Route, UDP leg and TLS leg: " + rr);
        assertTrue(rr.get(0).contains("transport=tls") && rr.get(0).contains(":5061"), rr::toString);
        TlsSipEndpoint platform = platformOf(at);
        String contact = "<sip:stub@" + platformIp(platform) + ":5061;transport=tls>";
        at.connection().send(SipPeer.response(inv, 200, "OK", "pt").header("Contact", contact).build());
        SipMessage ok = ca.receive(isResponse(200, "INVITE", callId), WAIT, "the 200 at the carrier");
        List<String> route = reversed(ok.values("Record-Route"));
        assertEquals(2, route.size(), () -> "both entries reach the carrier: " + ok);

        String to = ok.header("To").orElseThrow();
        String uri = "sip:stub@" + platformIp(platform) + ":5061;transport=tls";
        ca.send(inDialog("ACK", uri, callId, 1, to, route), SIPFRONT_UDP);
        awaitOn(platform, isRequest("ACK", callId), "the ACK to the IP Contact");

        ca.send(inDialog("INVITE", uri, callId, 2, to, route), SIPFRONT_UDP);
        Received reinvite = awaitOn(platform, isRequest("INVITE", callId), "the re-INVITE to the IP Contact");
        reinvite.connection().send(SipPeer.response(reinvite.message(), 200, "OK", null)
                .header("Contact", contact).build());
        ca.receive(isResponse(200, "INVITE", callId), WAIT, "the 200 to the re-INVITE");
        ca.send(inDialog("ACK", uri, callId, 2, to, route), SIPFRONT_UDP);
        awaitOn(platform, isRequest("ACK", callId), "the ACK of the re-INVITE");

        // The platform hangs up: its BYE is loose-routed back through both entries, as received.
        SipMessage bye = new SipMessage.Builder("BYE sip:carrier@127.0.0.20:5060 SIP/2.0")
                .header("Via", "SIP/2.0/TLS " + platformIp(platform) + ":5061;branch=z9hG4bK-" + callId + "-bye")
                .header("Max-Forwards", "70").header("Route", String.join(", ", rr))
                .header("From", to).header("To", inv.header("From").orElseThrow())
                .header("Call-ID", callId).header("CSeq", "1 BYE").build();
        reinvite.connection().send(bye);
        SipMessage byeIn = ca.receive(isRequest("BYE", callId)::test, WAIT, "the platform's BYE at the carrier");
        assertTrue(byeIn.values("Route").isEmpty(), () -> "Sipfront popped both of its entries: " + byeIn);
        ca.send(SipPeer.response(byeIn, 200, "OK", null).build(), SIPFRONT_UDP);
        awaitOn(platform, m -> !m.isRequest() && m.status() == 200 && m.method().equals("BYE"), "the 200 to the BYE");
    }

    @Test
    @Order(2)
    void srvWeightSpreadsCallsOverBothPlatformTargets() throws Exception {
        int n = 20;
        int atP1 = 0;
        for (int i = 0; i < n; i++) {
            String callId = nextCallId("spread");
            ca.send(invite(callId, "127.0.0.20:5060", "UDP", "<sip:carrier@127.0.0.20:5060>"), SIPFRONT_UDP);
            Received at = awaitOnPlatform(isRequest("INVITE", callId), "INVITE " + i);
            atP1 += platformOf(at) == p1 ? 1 : 0;
            at.connection().send(SipPeer.response(at.message(), 486, "Busy Here", "b").build());
            ca.receive(isResponse(486, "INVITE", callId), WAIT, "the 486");
            ca.send(inDialog("ACK", at.message().requestUri(), callId, 1, "<sip:x@y>;tag=b", List.of()), SIPFRONT_UDP);
        }
        // 10 50 / 10 50: each gets about half; 3 of 20 or fewer happens with probability ~0.1 %.
        assertTrue(atP1 >= 4 && atP1 <= n - 4, "p1 got " + atP1 + " of " + n + " calls");
    }

    @Test
    @Order(3)
    void thePlatformCallsInOverMutualTlsAndTheCarrierIsFoundBySrv() throws Exception {
        TlsSipEndpoint client = platformClient();
        Connection c = client.connect("127.0.0.11", SIPFRONT_IP, 5061, TestPki.SIPFRONT);
        String callId = nextCallId("out");
        String contact = "<sip:stub@127.0.0.11:" + c.localPort() + ";transport=tls>";
        c.send(invite(callId, "127.0.0.11:" + c.localPort(), "TLS", contact));
        SipMessage inv = ca.receive(isRequest("INVITE", callId)::test, WAIT, "the INVITE at carrier-a (SRV prio 10)");
        assertTrue(inv.requestUri().contains("@carriers.sipfront.test"), inv::startLine);
        List<String> rr = inv.values("Record-Route");
        assertEquals(2, rr.size(), () -> "double Record-Route, TLS leg and UDP leg: " + rr);
        assertTrue(rr.get(1).contains("transport=tls"), rr::toString);
        ca.send(SipPeer.response(inv, 200, "OK", "ct").header("Contact", "<sip:callee@127.0.0.20:5060>").build(),
                SIPFRONT_UDP);
        SipMessage ok = client.receive(isResponse(200, "INVITE", callId), WAIT, "the 200 over TLS").message();
        c.send(inDialog("ACK", "sip:callee@127.0.0.20:5060", callId, 1, ok.header("To").orElseThrow(),
                reversed(ok.values("Record-Route")), "TLS", "127.0.0.11:" + c.localPort()));
        ca.receive(isRequest("ACK", callId)::test, WAIT, "the ACK at the carrier");

        // The carrier hangs up: loose-routed back over the platform's own connection.
        SipMessage bye = new SipMessage.Builder("BYE sip:stub@127.0.0.11:" + c.localPort() + ";transport=tls SIP/2.0")
                .header("Via", "SIP/2.0/UDP 127.0.0.20:5060;branch=z9hG4bK-" + callId + "-bye;rport")
                .header("Max-Forwards", "70").header("Route", String.join(", ", rr))
                .header("From", ok.header("To").orElseThrow()).header("To", inv.header("From").orElseThrow())
                .header("Call-ID", callId).header("CSeq", "1 BYE").build();
        ca.send(bye, SIPFRONT_UDP);
        Received byeIn = client.receive(isRequest("BYE", callId), WAIT, "the carrier's BYE at the platform");
        assertTrue(byeIn.message().values("Route").isEmpty(), () -> "both entries popped: " + byeIn.message());
        byeIn.connection().send(SipPeer.response(byeIn.message(), 200, "OK", null).build());
        ca.receive(isResponse(200, "BYE", callId), WAIT, "the 200 to the BYE");

        // Without a client certificate the platform is refused at the handshake, and nothing reaches a carrier.
        TlsSipEndpoint stranger = track(TlsSipEndpoint.withoutCertificate("stranger", pki.ca));
        String strangerCall = nextCallId("nocert");
        boolean refused;
        try {
            Connection s = stranger.connect("127.0.0.11", SIPFRONT_IP, 5061, TestPki.SIPFRONT);
            s.send(invite(strangerCall, "127.0.0.11:" + s.localPort(), "TLS", "<sip:x@127.0.0.11;transport=tls>"));
            refused = stranger.awaitFailure(Duration.ofSeconds(3)); // TLS 1.3: the alert comes after our Finished
        } catch (IOException alert) {
            refused = true;
        }
        assertTrue(refused, "a platform without a client certificate is refused");
        assertTrue(ca.drain().stream().noneMatch(m -> m.header("Call-ID").orElse("").equals(strangerCall)));
    }

    @Test
    @Order(4)
    void kamailioWithItsTlsModuleCallsInWithTheNameAndClientCertificateOfThePlatform() throws Exception {
        Kamailio.requireInstalled();
        try (Kamailio kamailio = new Kamailio(Files.createDirectories(testDir().resolve("kamailio")));
             UdpSipEndpoint caller = new UdpSipEndpoint("127.0.0.12", 5060)) {
            kamailio.start(kamailioConfig(), kamailioTls());
            String callId = nextCallId("kamailio");
            SipMessage invite = new SipMessage.Builder("INVITE sip:" + E2e.CALLED + "@127.0.0.1:5061 SIP/2.0")
                    .header("Via", "SIP/2.0/UDP 127.0.0.12:5060;branch=z9hG4bK-" + callId)
                    .header("Max-Forwards", "70").header("From", "<sip:caller@sipfront.test>;tag=k")
                    .header("To", "<sip:" + E2e.CALLED + "@sipfront.test>").header("Call-ID", callId)
                    .header("CSeq", "1 INVITE").header("Contact", "<sip:caller@127.0.0.12:5060>").build();
            caller.send(invite, new InetSocketAddress("127.0.0.11", 5070));
            SipMessage atCarrier = ca.receive(isRequest("INVITE", callId)::test, WAIT,
                    "the INVITE Kamailio relayed over TLS (verifying our chain, showing the platform's certificate)");
            assertTrue(atCarrier.values("Via").stream().anyMatch(v -> v.startsWith("SIP/2.0/TLS 127.0.0.11:5071")),
                    () -> "Kamailio's TLS hop is in the Via history: " + atCarrier);
            assertTrue(atCarrier.requestUri().contains("@carriers.sipfront.test"), atCarrier::startLine);
            ca.send(SipPeer.response(atCarrier, 486, "Busy Here", "kb").build(), SIPFRONT_UDP);
            SipMessage busy = caller.receive(isResponse(486, "INVITE", callId)::test, WAIT,
                    "the 486 back over TLS through Kamailio\n" + kamailio.log());
            assertEquals(1, busy.values("Via").size(), () -> "only the caller's Via is left: " + busy);
        }
    }

    /** Kamailio relays whatever reaches its UDP socket to our TLS listener, from its own TLS socket on 127.0.0.11. */
    private static String kamailioConfig() {
        return String.join("\n", "#!KAMAILIO", "debug=2", "log_stderror=yes", "children=1", "tcp_children=1",
                "enable_tls=yes", "auto_aliases=no", "listen=udp:127.0.0.11:5070", "listen=tls:127.0.0.11:5071",
                "mpath=\"@MODULES@\"", "loadmodule \"sl.so\"", "loadmodule \"tls.so\"", "loadmodule \"pv.so\"",
                "loadmodule \"xlog.so\"", "modparam(\"tls\", \"config\", \"@TLS_CFG@\")",
                "modparam(\"tls\", \"xavp_cfg\", \"tls\")",
                "request_route {",
                "    $xavp(tls=>server_name) = \"" + TestPki.SIPFRONT + "\";",
                "    $du = \"sip:127.0.0.1:5061;transport=tls\";",
                "    force_send_socket(tls:127.0.0.11:5071);",
                "    forward();",
                "}",
                "event_route[core:worker-one-init] {",
                "    xlog(\"L_NOTICE\", \"" + Kamailio.READY + "\\n\");",
                "}", "");
    }

    /** The platform's certificate both ways; our chain is checked against the test CA. */
    private String kamailioTls() {
        StringBuilder cfg = new StringBuilder();
        for (String profile : List.of("server:default", "client:default")) {
            cfg.append("[").append(profile).append("]\nmethod = TLSv1.2+\nverify_certificate = yes\n")
                    .append("require_certificate = yes\ncertificate = ").append(pki.platform.cert())
                    .append("\nprivate_key = ").append(pki.platform.key()).append("\nca_list = ").append(pki.ca)
                    .append("\n\n");
        }
        return cfg.toString();
    }

    @Test
    @Order(5)
    void aCarrierAnswering503FailsOverToTheNextSrvPriority() throws Exception {
        TlsSipEndpoint client = platformClient();
        Connection c = client.connect("127.0.0.11", SIPFRONT_IP, 5061, TestPki.SIPFRONT);
        String callId = nextCallId("failover");
        c.send(invite(callId, "127.0.0.11:" + c.localPort(), "TLS", "<sip:stub@127.0.0.11;transport=tls>"));
        SipMessage first = ca.receive(isRequest("INVITE", callId)::test, WAIT, "the INVITE at ca (priority 10)");
        ca.send(SipPeer.response(first, 503, "Service Unavailable", "u").build(), SIPFRONT_UDP);
        SipMessage second = cb.receive(isRequest("INVITE", callId)::test, WAIT, "the INVITE at cb (priority 20)");
        assertTrue(second.requestUri().contains("@carriers.sipfront.test"), second::startLine);
        cb.send(SipPeer.response(second, 486, "Busy Here", "v").build(), SIPFRONT_UDP);
        client.receive(isResponse(486, "INVITE", callId), WAIT, "cb's answer at the platform");
    }

    @Test
    @Order(6)
    void aReplacedCertificateServesNewConnectionsAndTheCallsThatAreUpGoOn() throws Exception {
        TlsSipEndpoint client = platformClient();
        Connection old = client.connect("127.0.0.11", SIPFRONT_IP, 5061, TestPki.SIPFRONT);
        BigInteger before = old.peerCertificate().getSerialNumber();
        String callId = nextCallId("reload");
        old.send(invite(callId, "127.0.0.11:" + old.localPort(), "TLS",
                "<sip:stub@127.0.0.11:" + old.localPort() + ";transport=tls>"));
        SipMessage inv = ca.receive(isRequest("INVITE", callId)::test, WAIT, "the INVITE");
        ca.send(SipPeer.response(inv, 200, "OK", "r").header("Contact", "<sip:callee@127.0.0.20:5060>").build(),
                SIPFRONT_UDP);
        SipMessage ok = client.receive(isResponse(200, "INVITE", callId), WAIT, "the 200").message();
        List<String> route = reversed(ok.values("Record-Route"));
        String to = ok.header("To").orElseThrow();
        old.send(inDialog("ACK", "sip:callee@127.0.0.20:5060", callId, 1, to, route, "TLS",
                "127.0.0.11:" + old.localPort()));
        ca.receive(isRequest("ACK", callId)::test, WAIT, "the ACK");

        replace(pki.sipfrontRenewed.key(), tlsDir.resolve("sipfront.key"));
        replace(pki.sipfrontRenewed.cert(), tlsDir.resolve("sipfront.crt"));
        BigInteger renewed = TestPki.certificate(pki.sipfrontRenewed.cert()).getSerialNumber();
        assertNotEquals(before, renewed);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        BigInteger now = before;
        while (!now.equals(renewed) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            Connection fresh = client.connect("127.0.0.11", SIPFRONT_IP, 5061, TestPki.SIPFRONT);
            now = fresh.peerCertificate().getSerialNumber();
            fresh.close();
        }
        assertEquals(renewed, now, withLog("new connections get the new certificate"));

        old.send(inDialog("BYE", "sip:callee@127.0.0.20:5060", callId, 2, to, route, "TLS",
                "127.0.0.11:" + old.localPort()));
        SipMessage bye = ca.receive(isRequest("BYE", callId)::test, WAIT, "the BYE over the old connection");
        ca.send(SipPeer.response(bye, 200, "OK", null).build(), SIPFRONT_UDP);
        client.receive(isResponse(200, "BYE", callId), WAIT, "the 200 on the old connection");
    }

    @Test
    @Order(7)
    void aPlatformTargetWithAWrongExpiredOrUntrustedCertificateIsNeverSentACall() throws Exception {
        String[][] cases = {{"127.0.0.12", "names another host"}, {"127.0.0.13", "expired"},
                {"127.0.0.14", "not trusted"}};
        TestPki.Leaf[] leaves = {pki.wrongName, pki.expired, pki.selfSigned};
        p1.drain(); // the ACKs of earlier tests' 486s
        for (int i = 0; i < cases.length; i++) {
            String ip = cases[i][0];
            TlsSipEndpoint bad = platform("bad-" + ip, leaves[i], ip);
            writeHosts(ip, "127.0.0.20");
            reloadDns();
            awaitDestination("platform-edge/p1.sipfront.test", d -> (ip + ":5061").equals(d.path("address").asText()),
                    Duration.ofSeconds(TTL_S + 2), "p1 at " + ip);
            String wanted = cases[i][1];
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while (!reason("platform-edge/p1.sipfront.test").contains(wanted) && System.nanoTime() < deadline) {
                String callId = nextCallId("badcert");
                ca.send(invite(callId, "127.0.0.20:5060", "UDP", "<sip:carrier@127.0.0.20:5060>"), SIPFRONT_UDP);
                Received at = awaitOn(p2, isRequest("INVITE", callId), "the call at p2, never at " + ip);
                at.connection().send(SipPeer.response(at.message(), 486, "Busy Here", "b").build());
                ca.receive(isResponse(486, "INVITE", callId), WAIT, "the 486");
                ca.send(inDialog("ACK", at.message().requestUri(), callId, 1, "<sip:x@y>;tag=b", List.of()),
                        SIPFRONT_UDP);
                Thread.sleep(200);
            }
            String reason = reason("platform-edge/p1.sipfront.test");
            assertTrue(reason.contains(wanted), withLog("the API says why: " + reason));
            assertEquals(List.of(), bad.drain(), "nothing reached the target with the bad certificate");
            assertTrue(p1.drain().stream().noneMatch(r -> r.message().startLine().startsWith("INVITE")),
                    "p1's old address gets no new call");
        }
        writeHosts("127.0.0.10", "127.0.0.20");
        reloadDns();
    }

    // ----------------------------------------------------------------------------------------------------- DNS

    @Test
    @Order(8)
    void aChangedARecordIsFollowedWithinTtlPlusTwoSeconds() throws Exception {
        UdpSipEndpoint moved = udp("127.0.0.22");
        writeHosts("127.0.0.10", "127.0.0.22");
        long changed = System.nanoTime();
        reloadDns();
        awaitDestination("carriers/ca.sipfront.test", d -> "127.0.0.22:5060".equals(d.path("address").asText()),
                Duration.ofSeconds(TTL_S + 2), "ca.sipfront.test at its new address");
        long tookMillis = (System.nanoTime() - changed) / 1_000_000;
        assertTrue(tookMillis <= (TTL_S + 2) * 1000L, "followed after " + tookMillis + " ms");
        // Usable at once, before its first probe.
        callOutTo(moved, "moved");
    }

    @Test
    @Order(9)
    void aLostResolverHandsOverToTheNextWithinTheQueryTimeout() throws Exception {
        firstDns.close(); // its port now refuses at once
        firstDns = null;
        writeHosts("127.0.0.10", "127.0.0.20");
        long changed = System.nanoTime();
        secondDns.reload();
        awaitDestination("carriers/ca.sipfront.test", d -> "127.0.0.20:5060".equals(d.path("address").asText()),
                Duration.ofSeconds(TTL_S + 1 + 2), "ca.sipfront.test back at .20 through the second resolver");
        long tookMillis = (System.nanoTime() - changed) / 1_000_000;
        assertTrue(tookMillis <= (TTL_S + 1 + 2) * 1000L, "TTL + query timeout + 2 s, took " + tookMillis + " ms");
        callOutTo(ca, "second-resolver");
    }

    @Test
    @Order(10)
    void withBothResolversLostCallsGoOnOnTheLastAnswers() throws Exception {
        secondDns.close();
        secondDns = null;
        long deadline = System.nanoTime() + Duration.ofSeconds(TTL_S + 10).toNanos();
        JsonNode dns = api("/api/v1/dns");
        while (!hasStaleProblem(dns) && System.nanoTime() < deadline) {
            Thread.sleep(250);
            dns = api("/api/v1/dns");
        }
        assertTrue(hasStaleProblem(dns), "the API shows the outage and the stale answers serving: " + dns);
        callOutTo(ca, "stale");
        String platformCall = nextCallId("stale-in");
        ca.send(invite(platformCall, "127.0.0.20:5060", "UDP", "<sip:carrier@127.0.0.20:5060>"), SIPFRONT_UDP);
        Received at = awaitOnPlatform(isRequest("INVITE", platformCall), "the inbound call on stale SRV and A records");
        at.connection().send(SipPeer.response(at.message(), 486, "Busy Here", "b").build());
        ca.receive(isResponse(486, "INVITE", platformCall), WAIT, "the 486");
        for (String id : List.of("carriers/ca.sipfront.test", "platform-edge/p2.sipfront.test")) {
            JsonNode d = destination(id).orElseThrow();
            assertEquals("active", d.path("state").asText(), "a DNS outage never takes a destination down: " + d);
        }
    }

    // ------------------------------------------------------------------------------------------------- helpers

    private static boolean hasStaleProblem(JsonNode dns) {
        for (JsonNode p : dns.path("problems")) {
            if (p.path("serving_stale").asBoolean()) {
                return true;
            }
        }
        return false;
    }

    /** A call from the platform (TLS, mutual) that must reach {@code carrier}; answered 486. */
    private void callOutTo(UdpSipEndpoint carrier, String tag) throws Exception {
        TlsSipEndpoint client = platformClient();
        Connection c = client.connect("127.0.0.11", SIPFRONT_IP, 5061, TestPki.SIPFRONT);
        String callId = nextCallId(tag);
        c.send(invite(callId, "127.0.0.11:" + c.localPort(), "TLS", "<sip:stub@127.0.0.11;transport=tls>"));
        SipMessage inv = carrier.receive(isRequest("INVITE", callId)::test, WAIT, "the INVITE");
        carrier.send(SipPeer.response(inv, 486, "Busy Here", "b").build(), SIPFRONT_UDP);
        client.receive(isResponse(486, "INVITE", callId), WAIT, "the 486 at the platform");
        c.close();
    }

    private TlsSipEndpoint platform(String name, TestPki.Leaf leaf, String ip) throws Exception {
        return track(TlsSipEndpoint.of(name, leaf.cert(), leaf.key(), pki.ca).listen(ip, 5061));
    }

    private TlsSipEndpoint platformClient() throws Exception {
        return track(TlsSipEndpoint.of("platform-client", pki.platform.cert(), pki.platform.key(), pki.ca));
    }

    private UdpSipEndpoint udp(String ip) throws IOException {
        return track(new UdpSipEndpoint(ip, 5060));
    }

    private <T extends AutoCloseable> T track(T peer) {
        peers.add(peer);
        return peer;
    }

    private void writeHosts(String p1Address, String caAddress) throws IOException {
        Dnsmasq.writeHosts(hosts, List.of(p1Address + " p1.sipfront.test", "127.0.0.11 p2.sipfront.test",
                caAddress + " ca.sipfront.test", "127.0.0.21 cb.sipfront.test"));
    }

    private void reloadDns() throws IOException, InterruptedException {
        for (Dnsmasq d : new Dnsmasq[] {firstDns, secondDns}) {
            if (d != null) {
                d.reload();
            }
        }
    }

    private static void replace(Path from, Path to) throws IOException {
        Path next = to.resolveSibling(to.getFileName() + ".next");
        Files.copy(from, next, StandardCopyOption.REPLACE_EXISTING);
        Files.move(next, to, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private String nextCallId(String what) {
        return "dnstls-" + what + "-" + (++calls);
    }

    private Received awaitOnPlatform(Predicate<SipMessage> wanted, String what) throws InterruptedException {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            for (TlsSipEndpoint p : List.of(p1, p2)) {
                try {
                    return p.receive(wanted, Duration.ofMillis(100), what);
                } catch (AssertionError notThere) {
                    // try the other one
                }
            }
        }
        throw new AssertionError(withLog("no " + what + " at p1 or p2 within " + WAIT.toSeconds() + " s"));
    }

    private Received awaitOn(TlsSipEndpoint peer, Predicate<SipMessage> wanted, String what) throws InterruptedException {
        try {
            return peer.receive(wanted, WAIT, what);
        } catch (AssertionError e) {
            throw new AssertionError(withLog(e.getMessage()), e);
        }
    }

    private TlsSipEndpoint platformOf(Received r) {
        return p1.owns(r.connection()) ? p1 : p2;
    }

    private String platformIp(TlsSipEndpoint platform) {
        return platform == p1 ? "127.0.0.10" : "127.0.0.11";
    }

    private static Predicate<SipMessage> isRequest(String method, String callId) {
        return m -> m.isRequest() && m.method().equals(method) && callId.equals(m.header("Call-ID").orElse(""));
    }

    private static Predicate<SipMessage> isResponse(int status, String method, String callId) {
        return m -> !m.isRequest() && m.status() == status && m.method().equals(method)
                && callId.equals(m.header("Call-ID").orElse(""));
    }

    private static List<String> reversed(List<String> rr) {
        List<String> out = new ArrayList<>(rr);
        Collections.reverse(out);
        return out;
    }

    private static SipMessage invite(String callId, String sentBy, String transport, String contact) {
        return new SipMessage.Builder("INVITE sip:" + E2e.CALLED + "@127.0.0.1:5060 SIP/2.0")
                .header("Via", "SIP/2.0/" + transport + " " + sentBy + ";branch=z9hG4bK-" + callId + ";rport")
                .header("Max-Forwards", "70")
                .header("From", "<sip:caller@sipfront.test>;tag=f-" + callId)
                .header("To", "<sip:" + E2e.CALLED + "@sipfront.test>")
                .header("Call-ID", callId).header("CSeq", "1 INVITE")
                .header("Contact", contact).build();
    }

    private static SipMessage inDialog(String method, String uri, String callId, int cseq, String to,
                                       List<String> route) {
        return inDialog(method, uri, callId, cseq, to, route, "UDP", "127.0.0.20:5060");
    }

    private static SipMessage inDialog(String method, String uri, String callId, int cseq, String to,
                                       List<String> route, String transport, String sentBy) {
        SipMessage.Builder b = new SipMessage.Builder(method + " " + uri + " SIP/2.0")
                .header("Via", "SIP/2.0/" + transport + " " + sentBy + ";branch=z9hG4bK-" + callId + "-"
                        + method.toLowerCase() + cseq + ";rport")
                .header("Max-Forwards", "70");
        if (!route.isEmpty()) {
            b.header("Route", String.join(", ", route));
        }
        return b.header("From", "<sip:caller@sipfront.test>;tag=f-" + callId).header("To", to)
                .header("Call-ID", callId).header("CSeq", cseq + " " + method).build();
    }

    private JsonNode api(String path) throws IOException, InterruptedException {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(API + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), () -> path + ": " + r.body());
        return JSON.readTree(r.body());
    }

    private Optional<JsonNode> destination(String id) throws IOException, InterruptedException {
        JsonNode all = api("/api/v1/destinations");
        for (JsonNode d : all.isArray() ? all : all.path("destinations")) {
            if (id.equals(d.path("id").asText())) {
                return Optional.of(d);
            }
        }
        return Optional.empty();
    }

    private String reason(String id) throws IOException, InterruptedException {
        return destination(id).map(d -> d.path("reason").asText("")).orElse("");
    }

    private void awaitDestination(String id, Predicate<JsonNode> wanted, Duration within, String what)
            throws IOException, InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Optional<JsonNode> d = destination(id);
        while (!(d.isPresent() && wanted.test(d.get())) && System.nanoTime() < deadline) {
            Thread.sleep(100);
            d = destination(id);
        }
        Optional<JsonNode> last = d;
        assertTrue(last.isPresent() && wanted.test(last.get()),
                () -> withLog(what + " within " + within.toMillis() + " ms; the API shows " + last));
    }
}
