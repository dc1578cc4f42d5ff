package io.sipfront.core.proxy;

import static io.sipfront.core.testing.Sip.CARRIER_A;
import static io.sipfront.core.testing.Sip.CARRIER_B;
import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.core.testing.EdgeConfigs;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.Sip;
import io.sipfront.net.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The edge section through the proxy's entry point: bans, scanners, the 403 budget, inbound limits, NAT. */
class EdgeProxyTest {
    private static final String STRANGER = "127.0.0.99";

    private final ProxyHarness h = new ProxyHarness(EdgeConfigs.withEdge("""
            edge:
              flood: { window_s: 2, max_requests: 30, ban_s: 60 }
              forbidden_per_second: 20
              retry_after_s: 7
              carriers:
                - { name: carrier-b, calls_per_second: 20, burst: 5, max_concurrent_calls: 2 }
              trunk_groups:
                - { name: premium, max_concurrent_calls: 1 }
              fix_nated_contact: [127.0.0.20]
            """));

    private void raw(String text, String source) {
        h.receiveRaw(text.getBytes(StandardCharsets.UTF_8), source, Transport.UDP);
    }

    private static String invite(String callId, String from, String extra) {
        return Sip.invite(callId, "z9hG4bK-" + callId, from, extra);
    }

    @Test
    void aStrangerGetsRationed403sThenIsBannedAndHeardNoMore() {
        for (int i = 0; i < 40; i++) {
            raw(invite("s" + i, STRANGER + ":5060", ""), STRANGER + ":" + (5060 + i));
        }
        List<Out> out = h.drain();
        assertEquals(20, out.size(), "the 403 budget is 20 a second: " + out.size());
        assertTrue(out.stream().allMatch(o -> o.status() == 403));
        assertEquals(1, h.context.edge().guard().bans().size());
        h.advance(1000);
        h.drain(); // health probes
        raw(invite("late", STRANGER + ":5060", ""), STRANGER + ":5060");
        List<Out> late = h.drain();
        assertTrue(late.isEmpty(), "banned: no answer at all: " + late);
        // Another stranger still gets its 403 once the budget has refilled.
        raw(invite("other", "127.0.0.98:5060", ""), "127.0.0.98:5060");
        assertEquals(403, h.drain().get(0).status());
    }

    @Test
    void aScannerGetsNoAnswerWhileANormalStrangerGets403() {
        raw(invite("scan", STRANGER + ":5060", "User-Agent: friendly-scanner\r\n"), STRANGER + ":5060");
        assertTrue(h.drain().isEmpty());
        raw(invite("ua", "127.0.0.98:5060", "User-Agent: Zoiper 5\r\n"), "127.0.0.98:5060");
        assertEquals(403, h.drain().get(0).status());
    }

    @Test
    void carrierCallsBeyondTheirRateGet503WithRetryAfterAndTheAuditNamesTheLimit() {
        int forwarded = 0;
        int refused = 0;
        for (int i = 0; i < 8; i++) {
            raw(invite("r" + i, CARRIER_B, ""), CARRIER_B);
            for (Out o : h.drain()) {
                if (o.isRequest("INVITE")) {
                    forwarded++;
                    h.receive(Sip.respond(o.request(), 486, "Busy Here", "t" + i, null), PLATFORM);
                } else if (o.status() == 503) {
                    refused++;
                    assertEquals("7", o.response().getHeader("Retry-After").toString().split(":")[1].trim());
                }
            }
            h.drain();
        }
        assertEquals(5, forwarded, "the burst of 5");
        assertEquals(3, refused);
        assertTrue(h.audits.stream().anyMatch(a -> "carrier carrier-b: calls_per_second 20".equals(a.limit())),
                h.audits.toString());
        // carrier-a has no limit.
        raw(invite("a1", CARRIER_A, ""), CARRIER_A);
        assertTrue(h.drain().stream().anyMatch(o -> o.isRequest("INVITE")));
    }

    @Test
    void concurrentCallsHoldTheirSlotFromAnswerToByeAndFailedCallsGiveItBack() {
        answer("c1");
        answer("c2");
        raw(invite("c3", CARRIER_B, ""), CARRIER_B);
        Out refused = h.drain().stream().filter(o -> o.status() == 503).findFirst().orElseThrow();
        assertEquals(CARRIER_B, refused.to());
        assertEquals("carrier carrier-b: max_concurrent_calls 2",
                h.audits.get(h.audits.size() - 1).limit());
        h.advance(1000);
        String bye = "BYE sip:caller@127.0.0.21:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-bye-c1;rport\r\n"
                + "Route: <sip:127.0.0.1:5060;lr>\r\n"
                + "From: <sip:15551234567@127.0.0.1>;tag=t-c1\r\n"
                + "To: \"Caller\" <sip:+442071234567@127.0.0.21:5060>;tag=from-c1\r\nCall-ID: c1\r\nCSeq: 1 BYE\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        raw(bye, PLATFORM);
        assertTrue(h.drain().stream().anyMatch(o -> o.isRequest("BYE")));
        answer("c4");
    }

    private void answer(String callId) {
        raw(invite(callId, CARRIER_B, ""), CARRIER_B);
        Out forwarded = h.drain().stream().filter(o -> o.isRequest("INVITE")).findFirst().orElseThrow(
                () -> new AssertionError(callId + " was not forwarded"));
        h.receive(Sip.respond(forwarded.request(), 200, "OK", "t-" + callId, "127.0.0.10:5060"), PLATFORM);
        assertTrue(h.drain().stream().anyMatch(o -> o.status() == 200));
    }

    @Test
    void aTrunkGroupLimitAppliesOnceRoutingChoseTheGroup() {
        raw(Sip.invite("p1", "z9hG4bK-p1", CARRIER_A, "").replace("sip:15551234567@", "sip:9991@"), CARRIER_A);
        Out first = h.drain().stream().filter(o -> o.isRequest("INVITE")).findFirst().orElseThrow();
        h.receive(Sip.respond(first.request(), 200, "OK", "t-p1", "127.0.0.10:5060"), PLATFORM);
        h.drain();
        raw(Sip.invite("p2", "z9hG4bK-p2", CARRIER_A, "").replace("sip:15551234567@", "sip:9992@"), CARRIER_A);
        List<Out> out = h.drain();
        assertTrue(out.stream().anyMatch(o -> o.status() == 503), out.toString());
        assertTrue(out.stream().noneMatch(o -> o.isRequest("INVITE")), out.toString());
        assertEquals("trunk group premium: max_concurrent_calls 1", h.audits.get(h.audits.size() - 1).limit());
    }

    @Test
    void theContactOfAPeerBehindNatGetsItsReceivedAddressOnlyOnItsLeg() {
        raw(invite("n1", "10.0.0.5:5060", "").replace("Contact: <sip:caller@10.0.0.5:5060>",
                "Contact: <sip:caller@10.0.0.5:5060;transport=udp>"), "127.0.0.20:40123");
        Out forwarded = h.drain().stream().filter(o -> o.isRequest("INVITE")).findFirst().orElseThrow();
        String contact = forwarded.request().getHeader("Contact").toString();
        assertTrue(contact.contains("sip:caller@127.0.0.20:40123"), contact);
        assertTrue(forwarded.request().getHeader("Via").toString().contains("rport=40123")
                || forwarded.text().contains("rport=40123"), forwarded.text());
        // The platform's answer keeps its own Contact: the platform is not behind NAT.
        h.receive(Sip.respond(forwarded.request(), 200, "OK", "t-n1", "10.9.9.9:5060"), PLATFORM);
        Out answer = h.drain().stream().filter(o -> o.status() == 200).findFirst().orElseThrow();
        assertTrue(answer.response().getHeader("Contact").toString().contains("10.9.9.9:5060"));
    }

    @Test
    void thePlatformIsNeverLimited() {
        for (int i = 0; i < 200; i++) {
            raw("OPTIONS sip:127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-o" + i
                    + "\r\nFrom: <sip:p@127.0.0.10>;tag=" + i + "\r\nTo: <sip:127.0.0.1>\r\nCall-ID: o" + i
                    + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n", PLATFORM);
        }
        List<Out> out = h.drain();
        assertEquals(200, out.size());
        assertTrue(out.stream().allMatch(o -> o.status() == 200));
    }

    @Test
    void aCarrierOverItsRequestLimitGets503WithRetryAfterNotABan() {
        ProxyHarness limited = new ProxyHarness(EdgeConfigs.withEdge("""
                edge:
                  retry_after_s: 9
                  carriers:
                    - { name: carrier-a, max_requests: 3 }
                """));
        int forwarded = 0;
        int refused = 0;
        for (int i = 0; i < 5; i++) {
            limited.receiveRaw(invite("f" + i, CARRIER_A, "").getBytes(StandardCharsets.UTF_8), CARRIER_A,
                    Transport.UDP);
            for (Out o : limited.drain()) {
                if (o.isRequest("INVITE")) {
                    forwarded++;
                } else if (o.status() == 503) {
                    refused++;
                    assertEquals("9", o.response().getHeader("Retry-After").toString().split(":")[1].trim());
                }
            }
        }
        assertEquals(3, forwarded);
        assertEquals(2, refused);
        assertTrue(limited.context.edge().guard().bans().isEmpty());
    }
}
