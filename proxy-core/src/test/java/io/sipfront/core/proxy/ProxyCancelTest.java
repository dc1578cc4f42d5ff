package io.sipfront.core.proxy;

import static io.sipfront.core.testing.Sip.CARRIER_A;
import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.Sip;
import java.util.List;
import org.junit.jupiter.api.Test;

/** CANCEL (RFC 3261 §9 and §16.10) and Timer C (§16.8). */
class ProxyCancelTest {
    private final ProxyHarness h = new ProxyHarness();

    private static String cancel(String callId) {
        return "CANCEL sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-" + callId + ";rport\r\n"
                + "From: \"Caller\" <sip:+442071234567@127.0.0.10:5060>;tag=from-" + callId + "\r\n"
                + "To: <sip:15551234567@127.0.0.1>\r\nCall-ID: " + callId + "\r\nCSeq: 1 CANCEL\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    private SIPRequest ringing(String callId) {
        h.receive(Sip.invite(callId), PLATFORM);
        SIPRequest toA = h.drain().get(1).request();
        h.receive(Sip.respond(toA, 180, "Ringing", "a", CARRIER_A), CARRIER_A);
        h.drain();
        return toA;
    }

    @Test
    void cancelAfterRingingIsRelayedAndTheCallerGets487() {
        SIPRequest toA = ringing("k1");
        h.receive(cancel("k1"), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(2, out.size(), out.toString());
        assertEquals(200, out.get(0).status());
        assertEquals("CANCEL", out.get(0).response().getCSeq().getMethod());
        assertTrue(out.get(1).isRequest("CANCEL"));
        assertEquals(CARRIER_A, out.get(1).to());
        SIPRequest c = out.get(1).request();
        assertEquals(toA.getTopmostVia().getBranch(), c.getTopmostVia().getBranch(), "same branch as the INVITE");
        assertEquals(toA.getRequestURI().toString(), c.getRequestURI().toString());
        assertEquals(1, c.getViaHeaders().size(), "only our Via");

        h.receive(Sip.respond(c, 200, "OK", "a", null), CARRIER_A);
        h.receive(Sip.respond(toA, 487, "Request Terminated", "a", null), CARRIER_A);
        out = h.drain();
        assertEquals(2, out.size(), out.toString());
        assertTrue(out.get(0).isRequest("ACK"), "the 487 is acknowledged hop by hop");
        assertEquals(487, out.get(1).status());
        assertEquals(PLATFORM, out.get(1).to());
        assertEquals(487, h.calls.get(0).finalCode());
    }

    @Test
    void cancelBeforeAnyResponseAnswers487AtOnceAndCancelsOnlyIfTheCarrierRingsLater() {
        h.receive(Sip.invite("k2"), PLATFORM);
        SIPRequest toA = h.drain().get(1).request();
        h.receive(cancel("k2"), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(List.of(200, 487), out.stream().map(Out::status).toList(), out.toString());
        h.receive(Sip.respond(toA, 180, "Ringing", "a", CARRIER_A), CARRIER_A);
        out = h.drain();
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).isRequest("CANCEL"), "RFC 3261 §9.1: the CANCEL waits for a provisional");
        assertEquals(CARRIER_A, out.get(0).to());
        h.advance(3000);
        assertTrue(h.drain().stream().noneMatch(o -> o.isRequest("INVITE") && !o.to().equals(CARRIER_A)),
                "a cancelled call never fails over");
    }

    @Test
    void cancelForAnUnknownInviteIsAnsweredAndSentOnAsTheFirstAttemptsCancel() {
        // RFC 3261 §16.10: with no matching response context the CANCEL goes on (the INVITE may have gone through
        // the other node of an HA pair); HaTakeoverTest covers the two-node case.
        h.receive(cancel("nope"), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(200, out.get(0).status(), out.toString());
        assertTrue(out.stream().skip(1).allMatch(o -> o.isRequest("CANCEL")), out.toString());
    }

    @Test
    void cancelForAnUnknownInDialogRequestGets481() {
        h.receive(cancel("nope2").replace("To: <sip:15551234567@127.0.0.1>", "To: <sip:15551234567@127.0.0.1>;tag=t"),
                PLATFORM);
        assertEquals(List.of(481), h.drain().stream().map(Out::status).toList());
    }

    @Test
    void timerCCancelsACallThatRingsForeverAndAnswers408() {
        ringing("k3");
        h.advance(179_000);
        assertEquals(List.of(), h.drain().stream().filter(o -> o.status() != 0 || o.isRequest("CANCEL")).toList());
        h.advance(1_100);
        List<Out> out = h.drain();
        assertTrue(out.stream().anyMatch(o -> o.isRequest("CANCEL") && o.to().equals(CARRIER_A)), out.toString());
        assertTrue(out.stream().anyMatch(o -> o.status() == 408 && o.to().equals(PLATFORM)), out.toString());
    }
}
