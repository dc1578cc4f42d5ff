package io.sipfront.core.proxy;

import static io.sipfront.core.testing.Sip.CARRIER_A;
import static io.sipfront.core.testing.Sip.CARRIER_B;
import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.Sip;
import io.sipfront.core.transaction.ClientTransaction;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16 proxy behaviour for whole call setups, driven in-process on a fake clock. */
class ProxyCallFlowTest {
    private final ProxyHarness h = new ProxyHarness();

    /** Sends the INVITE and returns what reached carrier A. */
    private SIPRequest inviteToCarrierA(String callId) {
        h.receive(Sip.invite(callId), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(2, out.size(), out.toString());
        assertEquals(100, out.get(0).status(), "100 Trying goes back at once");
        assertEquals(PLATFORM, out.get(0).to());
        assertTrue(out.get(1).isRequest("INVITE"));
        assertEquals(CARRIER_A, out.get(1).to());
        return out.get(1).request();
    }

    @Test
    void forwardsAnOutboundInviteToThePriorityCarrierStampedAsAProxyMust() {
        SIPRequest fwd = inviteToCarrierA("c1");
        assertEquals("sip:15551234567@127.0.0.20:5060", fwd.getRequestURI().toString(), "user kept, host of carrier A");
        assertEquals(69, fwd.getMaxForwards().getMaxForwards());
        Via top = fwd.getTopmostVia();
        assertEquals("127.0.0.1", top.getHost());
        assertEquals(5060, top.getPort());
        assertTrue(top.getBranch().startsWith("z9hG4bK"), "RFC 3261 branch");
        Via theirs = (Via) fwd.getViaHeaders().get(1);
        assertEquals("5060", theirs.getParameter("rport"), "rport filled in (RFC 3581)");
        RecordRoute rr = (RecordRoute) fwd.getRecordRouteHeaders().getFirst();
        assertEquals("<sip:127.0.0.1:5060;lr>", rr.getAddress().toString());
        assertEquals(1, fwd.getRecordRouteHeaders().size());
        assertArrayEquals(Sip.SDP.getBytes(StandardCharsets.UTF_8), fwd.getRawContent(), "SDP untouched");
    }

    @Test
    void relaysRingingAndAnswerUpstreamWithoutItsOwnVia() {
        SIPRequest fwd = inviteToCarrierA("c2");
        h.receive(Sip.respond(fwd, 100, "Trying", null, null), CARRIER_A);
        assertEquals(List.of(), h.drain(), "100 is hop by hop");
        h.receive(Sip.respond(fwd, 180, "Ringing", "callee", CARRIER_A), CARRIER_A);
        h.receive(Sip.respond(fwd, 200, "OK", "callee", CARRIER_A), CARRIER_A);
        List<Out> out = h.drain();
        assertEquals(List.of(180, 200), out.stream().map(Out::status).toList());
        for (Out o : out) {
            assertEquals(PLATFORM, o.to());
            assertEquals(1, o.response().getViaHeaders().size(), "our Via removed");
            assertEquals("127.0.0.10", o.response().getTopmostVia().getHost());
        }
        assertEquals(1, h.calls.size());
        assertEquals("carrier-a:200", h.attempts(0));
        assertEquals(200, h.calls.get(0).finalCode());
        assertTrue(h.callLine(0).contains("direction=outbound"), h.callLine(0));
    }

    @Test
    void aRetransmittedInviteGetsTheLatestProvisionalAndIsNotForwardedTwice() {
        SIPRequest fwd = inviteToCarrierA("c3");
        h.receive(Sip.invite("c3"), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(1, out.size());
        assertEquals(100, out.get(0).status());
        h.receive(Sip.respond(fwd, 180, "Ringing", "callee", CARRIER_A), CARRIER_A);
        h.drain();
        h.receive(Sip.invite("c3"), PLATFORM);
        out = h.drain();
        assertEquals(1, out.size());
        assertEquals(180, out.get(0).status());
    }

    @Test
    void a503MovesTheCallToTheNextCarrierWithAHopByHopAck() {
        SIPRequest toA = inviteToCarrierA("c4");
        h.receive(Sip.respond(toA, 503, "Service Unavailable", "a", null), CARRIER_A);
        List<Out> out = h.drain();
        assertEquals(2, out.size(), out.toString());
        assertTrue(out.get(0).isRequest("ACK"));
        assertEquals(CARRIER_A, out.get(0).to());
        assertEquals(toA.getTopmostVia().getBranch(), out.get(0).request().getTopmostVia().getBranch(),
                "ACK for a non-2xx carries the INVITE's branch");
        SIPRequest toB = out.get(1).request();
        assertTrue(out.get(1).isRequest("INVITE"));
        assertEquals(CARRIER_B, out.get(1).to());
        assertEquals("sip:15551234567@127.0.0.21:5060", toB.getRequestURI().toString());
        assertNotEquals(toA.getTopmostVia().getBranch(), toB.getTopmostVia().getBranch());
        assertEquals(2, toB.getViaHeaders().size(), "one Via of ours, never two");
        assertEquals(1, toB.getRecordRouteHeaders().size(), "one Record-Route of ours, never two");
        assertEquals(69, toB.getMaxForwards().getMaxForwards(), "decremented once, not per attempt");
        h.receive(Sip.respond(toB, 200, "OK", "b", CARRIER_B), CARRIER_B);
        assertEquals(List.of(200), h.drain().stream().map(Out::status).toList());
        assertEquals("carrier-a:503,carrier-b:200", h.attempts(0));
    }

    @Test
    void silenceFromTheFirstCarrierFailsOverAfterTheFirstResponseTimer() {
        inviteToCarrierA("c5");
        h.advance(1990);
        List<Out> out = h.drain();
        assertEquals(2, out.size(), "Timer A retransmissions at 500 and 1500 ms: " + out);
        assertTrue(out.stream().allMatch(o -> o.isRequest("INVITE") && o.to().equals(CARRIER_A)));
        h.advance(20);
        out = h.drain();
        assertEquals(1, out.size(), out.toString());
        assertEquals(CARRIER_B, out.get(0).to());
        h.receive(Sip.respond(out.get(0).request(), 200, "OK", "b", CARRIER_B), CARRIER_B);
        assertEquals(200, h.drain().get(0).status());
        assertEquals("carrier-a:timeout,carrier-b:200", h.attempts(0));
        h.advance(3000);
        assertTrue(h.drain().stream().noneMatch(o -> o.to().equals(CARRIER_A)), "abandoned branch stays quiet");
    }

    @Test
    void aRefusedConnectionFailsOverAtOnce() {
        h.sender.refuse(new java.net.InetSocketAddress(io.sipfront.core.testing.TestConfigs.ip("127.0.0.20"), 5060));
        h.receive(Sip.invite("c6"), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(List.of("127.0.0.10:5060", CARRIER_A, CARRIER_B), out.stream().map(Out::to).toList());
        h.receive(Sip.respond(out.get(2).request(), 200, "OK", "b", CARRIER_B), CARRIER_B);
        assertEquals("carrier-a:transport-error,carrier-b:200", h.attempts(0));
    }

    @Test
    void busyIsNotAReasonToFailOver() {
        SIPRequest toA = inviteToCarrierA("c7");
        h.receive(Sip.respond(toA, 486, "Busy Here", "a", null), CARRIER_A);
        List<Out> out = h.drain();
        assertEquals(2, out.size());
        assertTrue(out.get(0).isRequest("ACK"));
        assertEquals(486, out.get(1).status());
        assertEquals(PLATFORM, out.get(1).to());
    }

    @Test
    void whenEveryCarrierFailsTheCallerGetsA500NotA503() {
        SIPRequest toA = inviteToCarrierA("c8");
        h.receive(Sip.respond(toA, 503, "Service Unavailable", "a", null), CARRIER_A);
        SIPRequest toB = h.drain().get(1).request();
        h.receive(Sip.respond(toB, 503, "Service Unavailable", "b", null), CARRIER_B);
        List<Out> out = h.drain();
        assertEquals(500, out.get(out.size() - 1).status(), "RFC 3261 §16.7 step 6");
        assertEquals(500, h.calls.get(0).finalCode());
    }

    @Test
    void silenceEverywhereEndsIn408() {
        inviteToCarrierA("c9");
        h.advance(4100);
        List<Out> out = h.drain();
        Out last = out.get(out.size() - 1);
        assertEquals(408, last.status(), out.toString());
        assertEquals(PLATFORM, last.to());
        assertEquals("carrier-a:timeout,carrier-b:timeout", h.attempts(0));
    }

    @Test
    void aFinalErrorIsRetransmittedUntilAcknowledged() {
        SIPRequest toA = inviteToCarrierA("c10");
        h.receive(Sip.respond(toA, 404, "Not Found", "a", null), CARRIER_A);
        h.drain();
        h.advance(500);
        assertEquals(List.of(404), h.drain().stream().map(Out::status).toList(), "Timer G");
        String ack = "ACK sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-c10\r\n"
                + "From: \"Caller\" <sip:+442071234567@127.0.0.10:5060>;tag=from-c10\r\n"
                + "To: <sip:15551234567@127.0.0.1>;tag=a\r\nCall-ID: c10\r\nCSeq: 1 ACK\r\nMax-Forwards: 70\r\n"
                + "Content-Length: 0\r\n\r\n";
        h.receive(ack, PLATFORM);
        assertEquals(List.of(), h.drain(), "the ACK for a non-2xx ends at the proxy");
        h.advance(10_000);
        assertEquals(List.of(), h.drain(), "no more retransmissions after the ACK");
    }

    @Test
    void anAnsweredInviteKeepsOnlyWhatRelaysTheRetransmitted200() {
        SIPRequest fwd = inviteToCarrierA("c20");
        String ok = Sip.respond(fwd, 200, "OK", "callee", CARRIER_A);
        h.receive(ok, CARRIER_A);
        assertEquals(List.of(200), h.drain().stream().map(Out::status).toList());
        ClientTransaction tx = h.lane().transactions().table().client(fwd.getTopmostVia().getBranch(), "INVITE");
        assertInstanceOf(AnsweredRelay.class, tx.user(),
                "for its 32 s in Accepted the transaction no longer holds the call's failover state");
        h.advance(4_000);
        h.receive(ok, CARRIER_A);   // the carrier's 200 again: the first one was lost on its way up
        List<Out> again = h.drain();
        assertEquals(List.of(200), again.stream().map(Out::status).toList(), "relayed upstream again (RFC 3261 §16.7)");
        assertEquals(PLATFORM, again.get(0).to());
        assertEquals(1, again.get(0).response().getViaHeaders().size(), "our Via removed");
        assertEquals(1, h.calls.size(), "still one call, reported once");
        h.advance(40_000);
        assertEquals(0, h.transactions(), "Timer M still ends it");
    }

    @Test
    void noStateIsLeftOnceEveryTimerHasRun() {
        SIPRequest toA = inviteToCarrierA("c11");
        h.receive(Sip.respond(toA, 503, "Service Unavailable", "a", null), CARRIER_A);
        SIPRequest toB = h.drain().get(1).request();
        h.receive(Sip.respond(toB, 200, "OK", "b", CARRIER_B), CARRIER_B);
        assertTrue(h.transactions() > 0);
        h.advance(40_000);
        assertEquals(0, h.transactions(), "every transaction ended");
        assertEquals(0, h.pendingTimers(), "no timer left behind");
    }

    @Test
    void inboundCallsGoToThePlatformRoundRobin() {
        h.receive(Sip.invite("in1", "z9hG4bK-in1", CARRIER_A, ""), CARRIER_A);
        h.receive(Sip.invite("in2", "z9hG4bK-in2", CARRIER_A, ""), CARRIER_A);
        List<String> invites = h.drain().stream().filter(o -> o.isRequest("INVITE")).map(Out::to).toList();
        assertEquals(List.of("127.0.0.10:5060", "127.0.0.11:5060"), invites);
    }

    @Test
    void aCallChangingTransportGetsTwoRecordRoutes() {
        ProxyHarness tcpCarriers = new ProxyHarness(io.sipfront.core.testing.TestConfigs.loopback(
                io.sipfront.config.ProxySettings.DEFAULTS, "tcp"));
        tcpCarriers.receive(Sip.invite("t1"), PLATFORM);
        SIPRequest fwd = tcpCarriers.drain().get(1).request();
        assertEquals("TCP", fwd.getTopmostVia().getTransport());
        assertEquals(2, fwd.getRecordRouteHeaders().size());
        assertEquals("<sip:127.0.0.1:5060;transport=tcp;lr>",
                ((RecordRoute) fwd.getRecordRouteHeaders().get(0)).getAddress().toString(), "the callee's side first");
        assertEquals("<sip:127.0.0.1:5060;lr>",
                ((RecordRoute) fwd.getRecordRouteHeaders().get(1)).getAddress().toString());
        assertEquals("sip:15551234567@127.0.0.20:5060;transport=tcp", fwd.getRequestURI().toString());
    }

    @Test
    void aBodyIsPassedThroughByteForByte() {
        String odd = "v=0\r\nx=\u0001binary\u0000 and trailing spaces   \r\n\r\nlast";
        String invite = Sip.invite("b1").replace("Content-Length: " + Sip.SDP.length() + "\r\n\r\n" + Sip.SDP,
                "Content-Length: " + odd.length() + "\r\n\r\n" + odd);
        h.receiveBytes(invite.getBytes(StandardCharsets.ISO_8859_1), PLATFORM, io.sipfront.net.Transport.UDP, null);
        SIPRequest fwd = h.drain().get(1).request();
        assertArrayEquals(odd.getBytes(StandardCharsets.ISO_8859_1), fwd.getRawContent());
    }
}
