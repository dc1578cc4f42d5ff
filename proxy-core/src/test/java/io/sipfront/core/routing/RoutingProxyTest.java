package io.sipfront.core.routing;

import static io.sipfront.core.testing.Sip.CARRIER_A;
import static io.sipfront.core.testing.Sip.CARRIER_B;
import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.Sip;
import io.sipfront.dispatcher.DestinationHealth;
import io.sipfront.dispatcher.HealthState;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Health-aware routing through the real proxy on one lane and a fake clock: probes, failover modes, limits, audit. */
public class RoutingProxyTest {
    static final String BASE = """
            sip: { listen: [udp:127.0.0.1:5060], advertised_address: 127.0.0.1 }
            sources:
              platform: [127.0.0.10]
              carriers:
                - { name: carrier-a, addresses: [127.0.0.20] }
                - { name: carrier-b, addresses: [127.0.0.21] }
            routing:
              inbound: platform
              outbound: carriers
              retry_after_s: 17
              %s
            destination_sets:
              - name: platform
                algorithm: priority
                health: { probe: false }
                destinations: [{ id: p1, uri: "sip:127.0.0.10" }]
              - name: carriers
                algorithm: priority
                failover_mode: %s
                health: { interval_ms: 1000, timeout_ms: 500 }
                destinations:
                  - { id: carrier-a, uri: "sip:127.0.0.20", priority: 1, max_calls: %d }
                  - { id: carrier-b, uri: "sip:127.0.0.21", priority: 2 }
              - name: premium
                algorithm: priority
                health: { probe: false }
                destinations: [{ id: premium-b, uri: "sip:127.0.0.21:5070" }]
            """;

    public static SipfrontConfig config(String mode, int maxCallsA, String rules) throws Exception {
        return ConfigLoader.parse(String.format(BASE, rules, mode, maxCallsA), "test.yaml", null);
    }

    private final ProxyHarness h;

    RoutingProxyTest() throws Exception {
        h = new ProxyHarness(config("degraded", 0, ""));
    }

    private DestinationHealth health(String id) {
        return h.context.routing().registry().get("carriers", id);
    }

    /** Runs the clock for {@code ms}, answering every probe to {@code who} with {@code status} (0: silence). */
    private void probesAnswered(long ms, String who, int status, int otherStatus) {
        for (long t = 0; t < ms; t += 10) {
            h.advance(10);
            for (Out o : h.drain()) {
                if (o.isRequest("OPTIONS")) {
                    int code = o.to().equals(who) ? status : otherStatus;
                    if (code > 0) {
                        h.receive(Sip.respond(o.request(), code, "X", "t", null), o.to());
                    }
                }
            }
        }
    }

    private Out invite(String callId) {
        h.receive(Sip.invite(callId), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(100, out.get(0).status(), out.toString());
        return out.get(1);
    }

    @Test
    void aCarrierSilentToProbesIsSkippedAfterThreeMissesAndBackAfterTwoAnswers() {
        probesAnswered(1_000, CARRIER_A, 200, 200);
        assertEquals(HealthState.ACTIVE, health("carrier-a").state());
        probesAnswered(3_000, CARRIER_A, 0, 200);
        assertEquals(HealthState.INACTIVE, health("carrier-a").state());
        Out first = invite("skip1");
        assertTrue(first.isRequest("INVITE") && first.to().equals(CARRIER_B), "straight to B: " + first);
        probesAnswered(1_000, CARRIER_A, 200, 200);
        assertEquals(HealthState.INACTIVE, health("carrier-a").state(), "one answer is not enough");
        probesAnswered(1_000, CARRIER_A, 200, 200);
        assertEquals(HealthState.ACTIVE, health("carrier-a").state());
        assertEquals(CARRIER_A, invite("back1").to());
    }

    @Test
    void probesAreSpreadOverTheInterval() {
        h.advance(10);
        h.drain();
        List<String> order = new java.util.ArrayList<>();
        for (int t = 0; t < 1000; t += 10) {
            h.advance(10);
            for (Out o : h.drain()) {
                if (o.isRequest("OPTIONS")) {
                    order.add(t + " " + o.to());
                }
            }
        }
        assertEquals(2, order.size(), order.toString());
        int t0 = Integer.parseInt(order.get(0).split(" ")[0]);
        int t1 = Integer.parseInt(order.get(1).split(" ")[0]);
        assertTrue(Math.abs(t1 - t0) >= 400, "two destinations probed half an interval apart: " + order);
    }

    @Test
    void a503ToACallMarksTheCarrierSuspectAndProbesItAtOnce() {
        probesAnswered(1_000, CARRIER_A, 200, 200);
        SIPRequest toA = invite("sus1").request();
        h.receive(Sip.respond(toA, 503, "Service Unavailable", "a", null), CARRIER_A);
        List<Out> out = h.drain();
        assertTrue(health("carrier-a").suspect());
        assertTrue(out.stream().anyMatch(o -> o.isRequest("OPTIONS") && o.to().equals(CARRIER_A)),
                "an immediate probe to A: " + out);
        assertTrue(out.stream().anyMatch(o -> o.isRequest("INVITE") && o.to().equals(CARRIER_B)), out.toString());
        assertEquals(CARRIER_B, invite("sus2").to(), "the next call avoids the suspect (degraded mode)");
    }

    @Test
    void theAuditLineOfAFailedOverCallNamesBothAttemptsAndWhy() {
        SIPRequest toA = invite("aud1").request();
        h.receive(Sip.respond(toA, 503, "Service Unavailable", "a", null), CARRIER_A);
        SIPRequest toB = h.drain().stream().filter(o -> o.isRequest("INVITE")).findFirst().orElseThrow().request();
        h.receive(Sip.respond(toB, 200, "OK", "b", CARRIER_B), CARRIER_B);
        assertEquals(1, h.audits.size());
        AuditEntry e = h.audits.get(0);
        assertEquals("aud1", e.callId());
        assertEquals("outbound", e.direction());
        assertEquals("default", e.rule());
        assertEquals(200, e.finalCode());
        assertEquals(List.of(new AuditEntry.Attempt("carriers", "carrier-a", "priority 1", "503"),
                new AuditEntry.Attempt("carriers", "carrier-b", "failover after 503 (priority 2)", "200")),
                e.attempts());
        assertEquals(List.of("carrier-a:active", "carrier-b:active"),
                e.candidates().stream().map(c -> c.id() + ":" + c.state()).toList());
        assertEquals(1.0, h.meters.get("sipfront.failovers").tag("direction", "outbound").counter().count());
        assertEquals(1.0, h.meters.get("sipfront.calls").tag("class", "2xx").tag("direction", "outbound")
                .counter().count());
    }

    @Test
    void noDestinationLeftMeans503WithRetryAfter() {
        health("carrier-a").disable();
        health("carrier-b").drain();
        h.receive(Sip.invite("none1"), PLATFORM);
        List<Out> out = h.drain();
        Out last = out.get(out.size() - 1);
        assertEquals(503, last.status(), out.toString());
        assertEquals("17", last.response().getHeader("Retry-After").toString().split(":")[1].trim());
        assertTrue(out.stream().noneMatch(o -> o.isRequest("INVITE")));
    }

    @Test
    void maxCallsSendsTheOverflowToTheNextDestinationUntilTheByeFreesTheSlot() throws Exception {
        ProxyHarness limited = new ProxyHarness(config("degraded", 1, ""));
        limited.receive(Sip.invite("lim1"), PLATFORM);
        Out first = limited.drain().get(1);
        assertEquals(CARRIER_A, first.to());
        limited.receive(Sip.respond(first.request(), 200, "OK", "a", CARRIER_A), CARRIER_A);
        limited.drain();
        DestinationHealth a = limited.context.routing().registry().get("carriers", "carrier-a");
        assertEquals(1, a.callsInProgress(), "the answered call holds A's only slot");
        limited.receive(Sip.invite("lim2"), PLATFORM);
        assertEquals(CARRIER_B, limited.drain().get(1).to(), "carrier-a is full");

        String bye = "BYE sip:callee@127.0.0.20:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-bye1;rport\r\n"
                + "Route: <sip:127.0.0.1:5060;lr>\r\n"
                + "From: \"Caller\" <sip:+442071234567@127.0.0.10:5060>;tag=from-lim1\r\n"
                + "To: <sip:15551234567@127.0.0.1>;tag=a\r\nCall-ID: lim1\r\nCSeq: 2 BYE\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        limited.receive(bye, PLATFORM);
        assertTrue(limited.drain().stream().anyMatch(o -> o.isRequest("BYE") && o.to().equals(CARRIER_A)));
        assertEquals(0, a.callsInProgress(), "the BYE gave the slot back");
        limited.receive(Sip.invite("lim3"), PLATFORM);
        assertEquals(CARRIER_A, limited.drain().get(1).to());
    }

    @Test
    void aRuleSendsMatchingNumbersToItsTrunkGroupAndAReloadChangesRoutingButKeepsHealth() throws Exception {
        String rules = """
                trunk_groups:
                    - { name: premium-first, primary: premium, secondary: carriers }
                  rules:
                    - { name: us, number: '^1[2-9][0-9]{9}$', source: platform, trunk_group: premium-first }""";
        ProxyHarness routed = new ProxyHarness(config("degraded", 0, rules));
        routed.receive(Sip.invite("rule1"), PLATFORM);
        List<Out> out = routed.drain();
        assertEquals("127.0.0.21:5070", out.get(1).to(), "15551234567 matches the rule: " + out);
        routed.context.routing().registry().get("carriers", "carrier-a").disable();

        routed.proxy().apply(config("degraded", 0, ""));
        routed.receive(Sip.invite("rule2"), PLATFORM);
        out = routed.drain();
        assertEquals(CARRIER_B, out.get(1).to(), "no rule any more; carrier-a is still disabled: " + out);
        assertEquals(HealthState.DISABLED,
                routed.context.routing().registry().get("carriers", "carrier-a").state());
    }
}
