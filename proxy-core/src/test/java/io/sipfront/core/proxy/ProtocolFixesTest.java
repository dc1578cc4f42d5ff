package io.sipfront.core.proxy;

import static io.sipfront.core.testing.Sip.CARRIER_A;
import static io.sipfront.core.testing.Sip.CARRIER_B;
import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.routing.RoutingProxyTest;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.Sip;
import io.sipfront.net.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * ACK and CANCEL edge cases: the ACK for an answer Sipfront generated itself ends here, Max-Forwards 0 is never
 * forwarded on any path, and a CANCEL for an INVITE the other node of a pair sent follows that INVITE's routing and
 * reaches every attempt it may have made.
 */
class ProtocolFixesTest {
    private final ProxyHarness h = new ProxyHarness();

    private static String ack(String callId, String toTag, int maxForwards) {
        return "ACK sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-" + callId + ";rport\r\n"
                + "From: \"Caller\" <sip:+442071234567@127.0.0.10:5060>;tag=from-" + callId + "\r\n"
                + "To: <sip:15551234567@127.0.0.1>;tag=" + toTag + "\r\nCall-ID: " + callId + "\r\nCSeq: 1 ACK\r\n"
                + "Max-Forwards: " + maxForwards + "\r\nContent-Length: 0\r\n\r\n";
    }

    private static String cancel(String callId, int maxForwards) {
        return "CANCEL sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-" + callId + ";rport\r\n"
                + "From: \"Caller\" <sip:+442071234567@127.0.0.10:5060>;tag=from-" + callId + "\r\n"
                + "To: <sip:15551234567@127.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: 1 CANCEL\r\n"
                + "Max-Forwards: " + maxForwards + "\r\nContent-Length: 0\r\n\r\n";
    }

    /** Sends {@code invite}, expects one local answer of {@code status}, then the caller's ACK for it: nothing more. */
    private void localAnswerThenAck(String callId, String invite, int status) {
        h.receive(invite, PLATFORM);
        List<Out> answer = h.drain();
        assertEquals(1, answer.size(), answer.toString());
        assertEquals(status, answer.get(0).status());
        String tag = answer.get(0).response().getToTag();
        h.receive(ack(callId, tag, 70), PLATFORM);
        assertEquals(List.of(), h.drain(), "the ACK for our own " + status + " is absorbed, never forwarded");
    }

    @Test
    void theAckForAStatelessAnswerOfOursIsAbsorbed() {
        localAnswerThenAck("own483", Sip.invite("own483").replace("Max-Forwards: 70", "Max-Forwards: 0"), 483);
        localAnswerThenAck("own420", Sip.invite("own420", "z9hG4bK-own420", PLATFORM, "Proxy-Require: foo\r\n"),
                420);
        localAnswerThenAck("own416", Sip.invite("own416").replace("INVITE sip:15551234567@127.0.0.1:5060",
                "INVITE tel:+15551234567"), 416);
    }

    @Test
    void theAckForAParserRejectionOfOursIsAbsorbed() {
        String bad = Sip.invite("own400").replace("CSeq: 1 INVITE", "CSeq: 1 BYE");
        h.receiveRaw(bad.getBytes(StandardCharsets.UTF_8), PLATFORM, Transport.UDP);
        List<Out> answer = h.drain();
        assertEquals(400, answer.get(0).status(), answer.toString());
        h.receive(ack("own400", answer.get(0).response().getToTag(), 70), PLATFORM);
        assertEquals(List.of(), h.drain());
    }

    @Test
    void theAckForOurOwnAnswerOfATransactionStillEndsItsRetransmissions() {
        h.receive(Sip.invite("own503"), PLATFORM); // no hop answers: 408 after the timers
        h.drain();
        h.advance(40_000);
        Out timeout = h.drain().stream().filter(o -> o.status() >= 300).findFirst().orElseThrow();
        h.receive(ack("own503", timeout.response().getToTag(), 70), PLATFORM);
        h.advance(10_000);
        assertTrue(h.drain().stream().noneMatch(o -> o.status() >= 300), "no retransmission after the ACK");
    }

    @Test
    void anAckWithMaxForwardsZeroIsNeverForwardedEvenAfterATakeover() {
        h.receive(ack("mf0", "carrier-tag", 0), PLATFORM); // the ACK of a 487 the dead node relayed
        assertEquals(List.of(), h.drain());
        h.receive(ack("mf1", "carrier-tag", 1), PLATFORM);
        List<Out> out = h.drain();
        assertTrue(out.stream().anyMatch(o -> o.isRequest("ACK")), "Max-Forwards 1 still goes on: " + out);
        assertTrue(out.stream().allMatch(o -> o.request().getMaxForwards().getMaxForwards() == 0), out.toString());
    }

    @Test
    void aCancelWithMaxForwardsZeroThatMatchesNothingGets483() {
        h.receive(cancel("c0", 0), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(1, out.size(), out.toString());
        assertEquals(483, out.get(0).status());
        assertEquals(PLATFORM, out.get(0).to());
    }

    @Test
    void anOrphanCancelFollowsTheRoutingRulesOfItsInvite() throws Exception {
        String rules = """
                trunk_groups:
                    - { name: tg, primary: premium, secondary: carriers }
                  rules:
                    - { name: us, number: '^1[0-9]+$', trunk_group: tg }""";
        ProxyHarness dead = new ProxyHarness(RoutingProxyTest.config("degraded", 0, rules));
        ProxyHarness survivor = new ProxyHarness(RoutingProxyTest.config("degraded", 0, rules));
        dead.receive(Sip.invite("rt1"), PLATFORM);
        Out toPremium = dead.drain().stream().filter(o -> o.isRequest("INVITE")).findFirst().orElseThrow();
        assertEquals("127.0.0.21:5070", toPremium.to(), "the rule's trunk group");

        survivor.receive(cancel("rt1", 70), PLATFORM);
        List<Out> out = survivor.drain();
        assertTrue(out.stream().anyMatch(o -> o.isRequest("CANCEL") && o.to().equals("127.0.0.21:5070")
                && o.request().getTopmostVia().getBranch().equals(toPremium.request().getTopmostVia().getBranch())),
                "a CANCEL with the INVITE's branch to the destination it chose: " + out);
    }

    @Test
    void anOrphanCancelReachesAnAttemptMadeAfterAFailover() {
        ProxyHarness dead = new ProxyHarness();
        ProxyHarness survivor = new ProxyHarness();
        dead.receive(Sip.invite("fo1"), PLATFORM);
        dead.drain();
        dead.advance(2100); // carrier-a silent past first_response_ms: the call moves to carrier-b
        SIPRequest toB = dead.drain().stream().filter(o -> o.isRequest("INVITE") && o.to().equals(CARRIER_B))
                .findFirst().orElseThrow().request();

        survivor.receive(cancel("fo1", 70), PLATFORM);
        List<Out> out = survivor.drain();
        assertEquals(200, out.get(0).status());
        assertTrue(out.stream().anyMatch(o -> o.isRequest("CANCEL") && o.to().equals(CARRIER_B)
                && o.request().getTopmostVia().getBranch().equals(toB.getTopmostVia().getBranch())),
                "carrier-b's attempt is cancelled: " + out);
        assertTrue(out.stream().anyMatch(o -> o.isRequest("CANCEL") && o.to().equals(CARRIER_A)),
                "and carrier-a's, which may exist too: " + out);
    }
}
