package io.sipfront.daemon;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.sip.MessageEncoder;
import io.sipfront.core.sip.ParseOutcome;
import io.sipfront.core.sip.SipParser;
import io.sipfront.net.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Runs a typical call's messages through the parser and the encoder before the sockets open, so the JIT
 * has compiled the hot path when the first real traffic arrives. Without it, a node started (or taking over a VIP)
 * under 1,000 calls/s ran interpreted for its first seconds, answered late, and drew INVITE retransmissions.
 * Bounded in time and iterations; nothing leaves the process.
 */
final class JitWarmup {
    static final long MAX_MILLIS = 3_000;
    static final int MAX_ROUNDS = 20_000;

    private static final String SDP = "v=0\r\no=- 1 1 IN IP4 127.0.2.10\r\ns=-\r\nc=IN IP4 127.0.2.10\r\nt=0 0\r\n"
            + "m=audio 40000 RTP/AVP 0\r\na=rtpmap:0 PCMU/8000\r\n";
    private static final String DIALOG = "From: \"Caller\" <sip:+442071234567@127.0.2.10:5060>;tag=w1\r\n"
            + "To: <sip:15551234567@127.0.2.1:5060>%s\r\nCall-ID: warmup@127.0.2.10\r\n";
    private static final List<byte[]> CALL = List.of(
            request("INVITE sip:15551234567@127.0.2.1:5060", "", "1 INVITE",
                    "Contact: <sip:caller@127.0.2.10:5060>\r\nContent-Type: application/sdp\r\n", SDP),
            response("100 Trying", "", "1 INVITE", "", ""),
            response("180 Ringing", ";tag=w2", "1 INVITE", "Contact: <sip:callee@127.0.2.20:5060>\r\n", ""),
            response("200 OK", ";tag=w2", "1 INVITE",
                    "Contact: <sip:callee@127.0.2.20:5060>\r\nContent-Type: application/sdp\r\n", SDP),
            request("ACK sip:callee@127.0.2.20:5060", ";tag=w2", "1 ACK", "Route: <sip:127.0.2.1:5060;lr>\r\n", ""),
            request("BYE sip:callee@127.0.2.20:5060", ";tag=w2", "2 BYE", "Route: <sip:127.0.2.1:5060;lr>\r\n", ""),
            response("200 OK", ";tag=w2", "2 BYE", "", ""));

    private JitWarmup() {
    }

    /** Returns how many rounds ran. */
    static int run(SipParser parser) {
        long deadline = System.nanoTime() + MAX_MILLIS * 1_000_000L;
        int rounds = 0;
        while (rounds < MAX_ROUNDS && System.nanoTime() < deadline) {
            for (byte[] bytes : CALL) {
                if (parser.parse(bytes, Transport.UDP) instanceof ParseOutcome.Parsed parsed) {
                    SIPMessage m = parsed.message();
                    if (m instanceof SIPRequest r) {
                        MessageEncoder.encode((SIPRequest) r.clone(), "UDP");
                        MessageEncoder.encode(r.createResponse(100, "Trying"), "UDP");
                    } else {
                        MessageEncoder.encode(m, "UDP");
                    }
                }
            }
            rounds++;
        }
        return rounds;
    }

    private static byte[] request(String line, String toTag, String cseq, String extra, String body) {
        return (line + " SIP/2.0\r\nVia: SIP/2.0/UDP 127.0.2.10:5060;branch=z9hG4bK-warm;rport\r\n"
                + "Max-Forwards: 70\r\n" + DIALOG.formatted(toTag) + "CSeq: " + cseq + "\r\n" + extra
                + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }

    private static byte[] response(String status, String toTag, String cseq, String extra, String body) {
        return ("SIP/2.0 " + status + "\r\nVia: SIP/2.0/UDP 127.0.2.1:5060;branch=z9hG4bKsfwarm\r\n"
                + "Via: SIP/2.0/UDP 127.0.2.10:5060;branch=z9hG4bK-warm;rport=5060\r\n"
                + "Record-Route: <sip:127.0.2.1:5060;lr>\r\n" + DIALOG.formatted(toTag) + "CSeq: " + cseq + "\r\n"
                + extra + "Content-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.UTF_8);
    }
}
