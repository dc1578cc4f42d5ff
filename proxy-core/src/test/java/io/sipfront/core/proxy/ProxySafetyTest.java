package io.sipfront.core.proxy;

import static io.sipfront.core.testing.Sip.CARRIER_A;
import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.ProxySettings;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.Sip;
import io.sipfront.core.testing.TestConfigs;
import java.util.List;
import org.junit.jupiter.api.Test;

/** RFC 3261 §16.3 validation: who may use the proxy, loops, hop limits, schemes and extensions. */
class ProxySafetyTest {
    private final ProxyHarness h = new ProxyHarness();

    private List<Out> send(String message, String from) {
        h.receive(message, from);
        return h.drain();
    }

    private static void onlyReply(List<Out> out, int status, String to) {
        assertEquals(1, out.size(), out.toString());
        assertEquals(status, out.get(0).status());
        assertEquals(to, out.get(0).to());
    }

    @Test
    void unknownSourcesAreForbiddenNeverRelayed() {
        onlyReply(send(Sip.invite("u1", "z9hG4bK-u1", "127.0.0.99:5060", ""), "127.0.0.99:5060"), 403,
                "127.0.0.99:5060");
    }

    @Test
    void maxForwardsZeroGets483AndOneIsForwardedAsZero() {
        onlyReply(send(Sip.invite("m0").replace("Max-Forwards: 70", "Max-Forwards: 0"), PLATFORM), 483, PLATFORM);
        List<Out> out = send(Sip.invite("m1").replace("Max-Forwards: 70", "Max-Forwards: 1"), PLATFORM);
        assertEquals(0, out.get(1).request().getMaxForwards().getMaxForwards());
    }

    @Test
    void aMissingMaxForwardsBecomes70() {
        List<Out> out = send(Sip.invite("m2").replace("Max-Forwards: 70\r\n", ""), PLATFORM);
        assertEquals(70, out.get(1).request().getMaxForwards().getMaxForwards());
    }

    @Test
    void aCallBouncingBackThroughUsGets482() {
        String bounced = Sip.invite("l1", "z9hG4bK-l1", CARRIER_A,
                "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKsfearlier\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-orig\r\n"
                        + "Record-Route: <sip:127.0.0.1:5060;lr>\r\n");
        // The extra Vias must follow the sender's: move them right after the first Via line.
        String[] lines = bounced.split("\r\n", -1);
        StringBuilder b = new StringBuilder();
        for (String l : lines) {
            if (!l.startsWith("Via: SIP/2.0/UDP 127.0.0.1:5060") && !l.startsWith("Via: SIP/2.0/UDP 127.0.0.10")) {
                b.append(l).append("\r\n");
            }
            if (l.startsWith("Via: SIP/2.0/UDP 127.0.0.20")) {
                b.append("Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bKsfearlier\r\n");
                b.append("Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-orig\r\n");
            }
        }
        String msg = b.substring(0, b.length() - 2);
        onlyReply(send(msg, CARRIER_A), 482, CARRIER_A);
    }

    @Test
    void ourRecordRouteAloneAlsoMarksALoop() {
        onlyReply(send(Sip.invite("l2", "z9hG4bK-l2", CARRIER_A, "Record-Route: <sip:127.0.0.1:5060;lr>\r\n"),
                CARRIER_A), 482, CARRIER_A);
    }

    @Test
    void withSpiralHandlingAChangedRequestIsForwardedButAnUnchangedOneIsALoop() {
        ProxyHarness spiral = new ProxyHarness(TestConfigs.loopback(new ProxySettings(3, true), "udp"));
        spiral.receive(Sip.invite("s1"), PLATFORM);
        String branch = spiral.drain().get(1).request().getTopmostVia().getBranch();
        String sameAgain = Sip.invite("s1", "z9hG4bK-back", CARRIER_A, "").replace(
                "Via: SIP/2.0/UDP 127.0.0.20:5060;branch=z9hG4bK-back;rport\r\n",
                "Via: SIP/2.0/UDP 127.0.0.20:5060;branch=z9hG4bK-back;rport\r\n"
                        + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=" + branch + "\r\n");
        spiral.receive(sameAgain, CARRIER_A);
        assertEquals(List.of(482), spiral.drain().stream().map(Out::status).toList());
        String changed = sameAgain.replace("INVITE sip:15551234567@", "INVITE sip:15559999999@");
        spiral.receive(changed, CARRIER_A);
        assertTrue(spiral.drain().stream().anyMatch(o -> o.isRequest("INVITE")), "a spiral is forwarded");
    }

    @Test
    void unknownRequestUriSchemeGets416() {
        onlyReply(send(Sip.invite("x1").replace("INVITE sip:15551234567@127.0.0.1:5060 SIP/2.0",
                "INVITE nobodyKnowsThisScheme:totallyopaquecontent SIP/2.0"), PLATFORM), 416, PLATFORM);
    }

    @Test
    void proxyRequireGets420ListingTheTags() {
        List<Out> out = send(Sip.invite("x2", "z9hG4bK-x2", PLATFORM, "Proxy-Require: foo\r\n"), PLATFORM);
        onlyReply(out, 420, PLATFORM);
        assertNotNull(out.get(0).response().getHeader("Unsupported"));
        assertTrue(out.get(0).text().contains("Unsupported: foo"), out.get(0).text());
    }

    @Test
    void optionsToTheProxyItselfIsAnsweredWithAllow() {
        String options = "OPTIONS sip:127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.20:5060;branch=z9hG4bK-o1\r\n"
                + "From: <sip:ping@127.0.0.20>;tag=p\r\nTo: <sip:127.0.0.1:5060>\r\nCall-ID: o1\r\nCSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
        List<Out> out = send(options, CARRIER_A);
        onlyReply(out, 200, CARRIER_A);
        assertTrue(out.get(0).text().contains("Allow: INVITE, ACK, BYE, CANCEL, OPTIONS"), out.get(0).text());
        onlyReply(send(options, "127.0.0.99:5060"), 403, "127.0.0.99:5060");
    }
}
