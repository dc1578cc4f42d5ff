package io.sipfront.core.proxy;

import static io.sipfront.core.testing.Sip.CARRIER_A;
import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.Sip;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Loose and strict routing of requests inside a dialog (RFC 3261 §16.4, §16.6 steps 6–7, §16.11). */
class ProxyInDialogTest {
    private final ProxyHarness h = new ProxyHarness();

    private static String inDialog(String method, String ruri, String via, String route, String fromTag, String toTag,
                                   int cseq) {
        return method + " " + ruri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + via + ";branch=z9hG4bK-" + method + cseq + "\r\n"
                + "From: <sip:a@x>;tag=" + fromTag + "\r\nTo: <sip:b@y>;tag=" + toTag + "\r\n"
                + "Call-ID: d1\r\nCSeq: " + cseq + " " + method + "\r\n"
                + (route == null ? "" : "Route: " + route + "\r\n")
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    @Test
    void byeFromThePlatformFollowsTheRouteToTheCarrierContact() {
        h.receive(inDialog("BYE", "sip:callee@127.0.0.20:5060", "127.0.0.10:5060", "<sip:127.0.0.1:5060;lr>",
                "f", "t", 2), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).isRequest("BYE"));
        assertEquals(CARRIER_A, out.get(0).to());
        SIPRequest bye = out.get(0).request();
        assertNull(bye.getRouteHeaders(), "our Route entry popped");
        assertEquals("127.0.0.1", bye.getTopmostVia().getHost());
        h.receive(Sip.respond(bye, 200, "OK", null, null), CARRIER_A);
        out = h.drain();
        assertEquals(200, out.get(0).status());
        assertEquals(PLATFORM, out.get(0).to());
    }

    @Test
    void anInDialogRequestWaitsForItsTransactionNotForTheFailoverTimer() {
        h.receive(inDialog("BYE", "sip:callee@127.0.0.20:5060", "127.0.0.10:5060", "<sip:127.0.0.1:5060;lr>",
                "f", "t", 6), PLATFORM);
        h.drain();
        h.advance(5_000);
        List<Out> out = h.drain();
        assertTrue(out.stream().allMatch(o -> o.isRequest("BYE")), "only retransmissions, no 408: " + out);
        assertEquals(3, out.size(), "Timer E at 0.5, 1.5 and 3.5 s");
        h.advance(28_000);
        assertEquals(408, h.drain().stream().filter(o -> o.status() > 0).findFirst().orElseThrow().status(),
                "Timer F");
    }

    @Test
    void byeFromTheCarrierPopsBothEntriesOfADoubleRecordRoute() {
        h.receive(inDialog("BYE", "sip:caller@127.0.0.10:5060", "127.0.0.20:5060",
                "<sip:127.0.0.1:5060;transport=tcp;lr>, <sip:127.0.0.1:5060;lr>", "t", "f", 3), CARRIER_A);
        List<Out> out = h.drain();
        assertEquals(PLATFORM, out.get(0).to());
        assertNull(out.get(0).request().getRouteHeaders());
    }

    @Test
    void anInDialogRequestNotRoutedThroughUsIsRefused() {
        h.receive(inDialog("BYE", "sip:callee@127.0.0.20:5060", "127.0.0.10:5060", null, "f", "t", 2), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(List.of(404), out.stream().map(Out::status).toList(), "never an open relay");
    }

    @Test
    void anAckForA2xxIsForwardedStatelesslyWithAStableBranch() {
        String ack = inDialog("ACK", "sip:callee@127.0.0.20:5060", "127.0.0.10:5060", "<sip:127.0.0.1:5060;lr>",
                "f", "t", 1);
        h.receive(ack, PLATFORM);
        h.receive(ack, PLATFORM);
        List<Out> out = h.drain();
        assertEquals(2, out.size());
        assertTrue(out.get(0).isRequest("ACK"));
        assertEquals(CARRIER_A, out.get(0).to());
        assertEquals(out.get(0).request().getTopmostVia().getBranch(), out.get(1).request().getTopmostVia().getBranch());
        assertEquals(0, h.transactions(), "no state for an ACK");
    }

    @Test
    void aStrictRouterUpstreamIsUnderstood() {
        // A strict router puts our Record-Route URI in the Request-URI and the remote target last in Route.
        h.receive(inDialog("BYE", "sip:127.0.0.1:5060;lr", "127.0.0.10:5060", "<sip:callee@127.0.0.20:5060>",
                "f", "t", 4), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(1, out.size(), out.toString());
        assertEquals(CARRIER_A, out.get(0).to());
        assertEquals("sip:callee@127.0.0.20:5060", out.get(0).request().getRequestURI().toString());
    }

    @Test
    void aStrictRouterDownstreamGetsTheRequestUriAppendedToTheRoute() {
        h.receive(inDialog("BYE", "sip:callee@127.0.0.20:5060", "127.0.0.10:5060",
                "<sip:127.0.0.1:5060;lr>, <sip:127.0.0.21:5060>", "f", "t", 5), PLATFORM);
        List<Out> out = h.drain();
        assertEquals("127.0.0.21:5060", out.get(0).to());
        SIPRequest bye = out.get(0).request();
        assertEquals("sip:127.0.0.21:5060", bye.getRequestURI().toString());
        assertTrue(bye.getRouteHeaders().encode().contains("sip:callee@127.0.0.20:5060"), bye.getRouteHeaders().encode());
    }

    @Test
    void aStray200IsForwardedStatelesslyByTheNextVia() {
        String stray = "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKsfgone\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-x;rport=5062;received=127.0.0.10\r\n"
                + "From: <sip:a@x>;tag=f\r\nTo: <sip:b@y>;tag=t\r\nCall-ID: s1\r\nCSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n";
        h.receive(stray, CARRIER_A);
        List<Out> out = h.drain();
        assertEquals(1, out.size());
        assertEquals("127.0.0.10:5062", out.get(0).to(), "rport honoured");
        assertEquals(1, out.get(0).response().getViaHeaders().size());
    }

    @Test
    void aResponseToSomeoneElsesViaIsDropped() {
        String notOurs = "SIP/2.0 200 OK\r\n"
                + "Via: SIP/2.0/UDP 127.0.2.1:5060;branch=z9hG4bK-x\r\n"
                + "Via: SIP/2.0/UDP 127.255.255.255:5060;branch=z9hG4bK-y\r\n"
                + "From: <sip:a@x>;tag=f\r\nTo: <sip:b@y>;tag=t\r\nCall-ID: s2\r\nCSeq: 1 INVITE\r\n"
                + "Content-Length: 0\r\n\r\n";
        h.receive(notOurs, CARRIER_A);
        assertEquals(List.of(), h.drain());
    }
}
