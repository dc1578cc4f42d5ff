package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static io.sipfront.daemon.e2e.E2e.SIP_PORT;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * One call driven byte by byte from raw UDP sockets (no SIPp), to check what SIPp cannot:
 * the SDP bodies of the INVITE and of the 200 arrive byte-identical (odd but legal bytes: tabs,
 * trailing blanks, UTF-8, a bare LF, no final CRLF), the 100 Trying comes before any answer,
 * the Request-URI is rewritten with the user part kept, Max-Forwards is decremented, and ACK
 * and BYE sent along the Route set reach the carrier through Sipfront.
 */
class BodyIT extends E2eBase {
    static final Duration WAIT = Duration.ofSeconds(3);
    static final InetSocketAddress SIPFRONT = new InetSocketAddress("127.0.0.1", SIP_PORT);

    static final byte[] OFFER = ("v=0\r\n"
            + "o=- 3839473 3839473 IN IP4 127.0.0.10\r\n"
            + "s=Sipfront body\ttest  with blanks  \r\n"
            + "i=UTF-8: Gr\u00fc\u00dfe, \u00bfqu\u00e9 tal?, \u65e5\u672c\u8a9e, \u20ac\r\n"
            + "c=IN IP4 127.0.0.10\r\n"
            + "t=0 0\r\n"
            + "m=audio 49170 RTP/AVP 0 8 101\r\n"
            + "a=rtpmap:101 telephone-event/8000\r\n"
            + "a=fmtp:101 0-15\r\n"
            + "a=x-sipfront:;;;,,, <sip:not-a-header@example.invalid> \"quoted\" \\ %00 Content-Length: 1\r\n"
            + "a=x-bare-lf-follows\n"
            + "a=x-no-final-crlf").getBytes(StandardCharsets.UTF_8);
    static final byte[] ANSWER = ("v=0\r\n"
            + "o=carrier 1 2 IN IP4 127.0.0.20\r\n"
            + "s=\u00e0nswer \t \r\n"
            + "c=IN IP4 127.0.0.20\r\n"
            + "t=0 0\r\n"
            + "m=audio 30000 RTP/AVP 0\r\n"
            + "a=sendrecv\r\n"
            + "\r\n").getBytes(StandardCharsets.UTF_8);

    @Override
    protected String configName() {
        return "loopback-udp.yaml";
    }

    @Test
    void bodiesPassByteIdenticalAndTheDialogFollowsTheRouteSet() throws Exception {
        String callId = "body-" + System.nanoTime() + "@127.0.0.10";
        String from = "<sip:+442071234567@127.0.0.10:5060>;tag=caller-1";
        String to = "<sip:" + E2e.CALLED + "@127.0.0.1:5060>";
        try (SipPeer caller = new SipPeer(PLATFORM_1, SIP_PORT); SipPeer carrier = new SipPeer(CARRIER_A, SIP_PORT)) {
            SipMessage invite = new SipMessage.Builder("INVITE sip:" + E2e.CALLED + "@127.0.0.1:5060 SIP/2.0")
                    .header("Via", "SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-body-inv;rport")
                    .header("Max-Forwards", "70")
                    .header("From", from)
                    .header("To", to)
                    .header("Call-ID", callId)
                    .header("CSeq", "1 INVITE")
                    .header("Contact", "<sip:caller@127.0.0.10:5060>")
                    .body("application/sdp", OFFER)
                    .build();
            caller.send(invite, SIPFRONT);

            SipMessage trying = caller.receive(m -> !m.isRequest(), WAIT, "first response to the INVITE");
            assertEquals(100, trying.status(), () -> "Sipfront must answer 100 Trying at once, got " + trying.startLine());

            SipMessage in = carrier.receive(m -> m.isRequest() && m.method().equals("INVITE"), WAIT, "forwarded INVITE");
            assertEquals("sip:" + E2e.CALLED + "@127.0.0.20:5060", in.requestUri().replaceFirst(";transport=udp$", ""),
                    "Request-URI: host:port of carrier-a, user part kept");
            assertEquals("69", in.header("Max-Forwards").orElse("?"), "Max-Forwards decremented");
            assertTrue(E2e.topViaIsSipfront(in.values("Via").get(0)), () -> "Sipfront's Via on top:\n" + in);
            assertEquals(2, in.values("Via").size(), () -> "Sipfront's Via plus the caller's:\n" + in);
            List<String> rr = in.values("Record-Route");
            assertEquals(1, rr.size(), () -> "one Record-Route:\n" + in);
            assertTrue(E2e.SIPFRONT_RR.matcher(rr.get(0)).matches(), () -> "Sipfront's Record-Route with ;lr:\n" + in);
            assertArrayEquals(OFFER, in.body(), () -> "INVITE body changed on the way:\n" + in);
            assertEquals(String.valueOf(OFFER.length), in.header("Content-Length").orElse("?"));
            assertEquals("application/sdp", in.header("Content-Type").orElse("?"));

            carrier.reply(SipPeer.response(in, 200, "OK", "carrier-1")
                    .header("Contact", "<sip:carrier@127.0.0.20:5060>")
                    .body("application/sdp", ANSWER).build());

            SipMessage ok = caller.receive(m -> !m.isRequest() && m.status() >= 200, WAIT, "200 to the INVITE");
            assertEquals(200, ok.status(), () -> "expected 200, got:\n" + ok);
            assertArrayEquals(ANSWER, ok.body(), () -> "200 body changed on the way:\n" + ok);
            assertEquals(1, ok.values("Via").size(), () -> "only the caller's Via is left:\n" + ok);
            List<String> routes = new ArrayList<>(ok.values("Record-Route"));
            Collections.reverse(routes);
            String toWithTag = ok.header("To").orElseThrow();

            SipMessage ack = new SipMessage.Builder("ACK sip:carrier@127.0.0.20:5060 SIP/2.0")
                    .header("Via", "SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-body-ack;rport")
                    .header("Max-Forwards", "70")
                    .header("Route", String.join(", ", routes))
                    .header("From", from)
                    .header("To", toWithTag)
                    .header("Call-ID", callId)
                    .header("CSeq", "1 ACK")
                    .build();
            caller.send(ack, SIPFRONT);
            SipMessage ackIn = carrier.receive(m -> m.isRequest() && m.method().equals("ACK"), WAIT, "ACK through Sipfront");
            assertTrue(E2e.topViaIsSipfront(ackIn.values("Via").get(0)), () -> "ACK via Sipfront:\n" + ackIn);

            SipMessage bye = new SipMessage.Builder("BYE sip:carrier@127.0.0.20:5060 SIP/2.0")
                    .header("Via", "SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-body-bye;rport")
                    .header("Max-Forwards", "70")
                    .header("Route", String.join(", ", routes))
                    .header("From", from)
                    .header("To", toWithTag)
                    .header("Call-ID", callId)
                    .header("CSeq", "2 BYE")
                    .build();
            caller.send(bye, SIPFRONT);
            SipMessage byeIn = carrier.receive(m -> m.isRequest() && m.method().equals("BYE"), WAIT, "BYE through Sipfront");
            carrier.reply(SipPeer.response(byeIn, 200, "OK", null).build());
            SipMessage byeOk = caller.receive(m -> !m.isRequest() && m.method().equals("BYE"), WAIT, "200 to the BYE");
            assertEquals(200, byeOk.status(), () -> "BYE answer:\n" + byeOk);
        }
    }
}
