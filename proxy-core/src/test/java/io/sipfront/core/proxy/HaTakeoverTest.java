package io.sipfront.core.proxy;

import static io.sipfront.core.testing.Sip.CARRIER_A;
import static io.sipfront.core.testing.Sip.CARRIER_B;
import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.Sip;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two proxies with the same identity stand for the two nodes of an HA pair: the INVITE goes through {@code dead},
 * what follows reaches {@code survivor}, which has no state for the call.
 */
class HaTakeoverTest {
    private final ProxyHarness dead = new ProxyHarness();
    private final ProxyHarness survivor = new ProxyHarness();

    private static String cancel(String callId) {
        return "CANCEL sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-" + callId + ";rport\r\n"
                + "From: \"Caller\" <sip:+442071234567@127.0.0.10:5060>;tag=from-" + callId + "\r\n"
                + "To: <sip:15551234567@127.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: 1 CANCEL\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    private SIPRequest inviteThroughTheDeadNode(String callId) {
        dead.receive(Sip.invite(callId), PLATFORM);
        List<Out> out = dead.drain();
        SIPRequest toA = out.stream().filter(o -> o.isRequest("INVITE")).findFirst().orElseThrow().request();
        assertEquals(CARRIER_A, out.stream().filter(o -> o.isRequest("INVITE")).findFirst().orElseThrow().to());
        return toA;
    }

    @Test
    void aRetransmittedInviteLeavesTheSurvivorWithTheBranchTheDeadNodeUsed() {
        SIPRequest toA = inviteThroughTheDeadNode("h1");
        survivor.receive(Sip.invite("h1"), PLATFORM);
        List<Out> out = survivor.drain();
        assertTrue(out.stream().noneMatch(o -> o.status() == 482), "never a merged request: " + out);
        SIPRequest again = out.stream().filter(o -> o.isRequest("INVITE")).findFirst().orElseThrow().request();
        assertEquals(toA.getTopmostVia().getBranch(), again.getTopmostVia().getBranch(),
                "the carrier sees a retransmission, not a second call");
        assertEquals(toA.getRequestURI().toString(), again.getRequestURI().toString());
    }

    @Test
    void differentCallsAndAFailoverAttemptGetDifferentBranches() {
        SIPRequest first = inviteThroughTheDeadNode("h2");
        SIPRequest other = inviteThroughTheDeadNode("h3");
        assertNotEquals(first.getTopmostVia().getBranch(), other.getTopmostVia().getBranch());
        dead.advance(2100); // carrier-a silent: first_response_ms passes, the call fails over
        SIPRequest toB = dead.drain().stream().filter(o -> o.isRequest("INVITE") && o.to().equals(CARRIER_B))
                .findFirst().orElseThrow().request();
        assertNotEquals(first.getTopmostVia().getBranch(), toB.getTopmostVia().getBranch());
    }

    @Test
    void aCancelOnTheSurvivorReachesTheCarrierWithTheInvitesBranchAndItsAnswersReachTheCaller() {
        SIPRequest toA = inviteThroughTheDeadNode("h4");
        dead.receive(Sip.respond(toA, 180, "Ringing", "a", CARRIER_A), CARRIER_A);
        dead.drain();

        survivor.receive(cancel("h4"), PLATFORM);
        List<Out> cancelled = survivor.drain();
        assertEquals(200, cancelled.get(0).status(), "answered hop by hop: " + cancelled);
        assertEquals(PLATFORM, cancelled.get(0).to());
        Out toCarrierA = cancelled.stream().filter(o -> o.isRequest("CANCEL") && o.to().equals(CARRIER_A))
                .findFirst().orElseThrow(() -> new AssertionError("no CANCEL to carrier-a: " + cancelled));
        SIPRequest c = toCarrierA.request();
        assertEquals(toA.getTopmostVia().getBranch(), c.getTopmostVia().getBranch(), "RFC 3261 §9.1 branch");
        assertEquals(toA.getRequestURI().toString(), c.getRequestURI().toString());
        assertEquals(1, c.getViaHeaders().size(), "only our Via: its answers stop at us");

        // The carrier ends the INVITE with 487: no transaction on the survivor, forwarded by Via to the caller.
        survivor.receive(Sip.respond(c, 200, "OK", "a", null), CARRIER_A);
        survivor.receive(Sip.respond(toA, 487, "Request Terminated", "a", null), CARRIER_A);
        List<Out> answers = survivor.drain();
        assertEquals(1, answers.size(), answers.toString());
        assertEquals(487, answers.get(0).status());
        assertEquals(PLATFORM, answers.get(0).to());

        // The caller's ACK for the 487 goes on to the carrier with the INVITE's branch, ending its retransmissions.
        survivor.receive("ACK sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-h4;rport\r\n"
                + "From: \"Caller\" <sip:+442071234567@127.0.0.10:5060>;tag=from-h4\r\n"
                + "To: <sip:15551234567@127.0.0.1>;tag=a\r\nCall-ID: h4\r\nCSeq: 1 ACK\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n", PLATFORM);
        List<Out> acks = survivor.drain();
        Out ack = acks.stream().filter(o -> o.isRequest("ACK") && o.to().equals(CARRIER_A)).findFirst()
                .orElseThrow(() -> new AssertionError("no ACK to carrier-a: " + acks));
        assertEquals(toA.getTopmostVia().getBranch(), ack.request().getTopmostVia().getBranch());
    }
}
