package io.sipfront.core.sip;

import static io.sipfront.core.sip.ParsedText.bytes;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPMessage;
import io.sipfront.net.Transport;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What is sent is what JAIN-SIP's {@code encodeAsBytes} would have sent, byte for byte, whatever the message. */
class MessageEncoderTest {
    private static final List<String> TRANSPORTS = List.of("UDP", "TCP", "TLS");

    private static String invite(String displayName, String contentType, String body) {
        return "INVITE sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-1;rport\r\n"
                + "Via: SIP/2.0/TCP 127.0.0.11:5060;branch=z9hG4bK-0\r\n"
                + "From: " + displayName + "<sip:+442071234567@127.0.0.10:5060>;tag=1\r\n"
                + "To: <sip:15551234567@127.0.0.1:5060>\r\n"
                + "Call-ID: 1@127.0.0.10\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "Contact: <sip:bench@127.0.0.10:5060;transport=UDP>\r\n"
                + "Max-Forwards: 70\r\n"
                + "X-Unknown: kept as it came\r\n"
                + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n")
                + "Content-Length: " + body.getBytes(StandardCharsets.ISO_8859_1).length + "\r\n\r\n" + body;
    }

    /** Two separate parses of the same bytes, one for each encoder: encoding sets the top Via's transport. */
    private static void assertEncodedAsJainSipDoes(byte[] wire) {
        for (String transport : TRANSPORTS) {
            ParseOutcome ours = new SipParser(256).parse(wire, Transport.UDP);
            if (!(ours instanceof ParseOutcome.Parsed parsed)) {
                return; // refused or dropped: never encoded
            }
            SIPMessage theirs = ((ParseOutcome.Parsed) new SipParser(256).parse(wire, Transport.UDP)).message();
            assertArrayEquals(theirs.encodeAsBytes(transport), MessageEncoder.encode(parsed.message(), transport),
                    new String(wire, StandardCharsets.ISO_8859_1));
        }
    }

    @Test
    void everyConformanceMessageIsEncodedAsJainSipEncodesIt() {
        for (ConformanceParsingTest.Case c : ConformanceParsingTest.RFC4475) {
            assertEncodedAsJainSipDoes(Corpus.rfc4475(c.name()));
        }
        for (ConformanceParsingTest.Case c : ConformanceParsingTest.RFC5118) {
            assertEncodedAsJainSipDoes(Corpus.wire(Corpus.rfc5118(c.name())));
        }
    }

    @Test
    void headersAndBodiesBeyondAsciiAreEncodedAsJainSipEncodesThem() {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.10\r\ns=-\r\nc=IN IP4 127.0.0.10\r\nt=0 0\r\n"
                + "m=audio 4000 RTP/AVP 0\r\n";
        assertEncodedAsJainSipDoes(bytes(invite("", "application/sdp", sdp)));
        assertEncodedAsJainSipDoes(bytes(invite("\"Bench\" ", null, "")));
        // a UTF-8 display name: the header block is not ASCII
        assertEncodedAsJainSipDoes(invite("\"Jos\u00e9 M\u00fcller\" ", "application/sdp", sdp)
                .getBytes(StandardCharsets.UTF_8));
        // the headers in another charset than UTF-8, as the body's Content-Type says
        assertEncodedAsJainSipDoes(bytes(invite("\"Jos\u00e9\" ", "text/plain;charset=ISO-8859-1", "caf\u00e9")));
        assertEncodedAsJainSipDoes(bytes(invite("", "text/plain;charset=UTF-16", "x")));
        // a binary body
        assertEncodedAsJainSipDoes(bytes(invite("", "application/octet-stream", "\u0000\u00ff\u0080\r\n\u00fe")));
        // a response
        assertEncodedAsJainSipDoes(bytes("SIP/2.0 180 Ringing\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=z9hG4bK-2,SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-1\r\n"
                + "f: <sip:a@127.0.0.10>;tag=1\r\nt: <sip:b@127.0.0.1>;tag=2\r\ni: 1@h\r\n"
                + "CSeq: 1 INVITE\r\nl: 0\r\n\r\n"));
    }

    @Test
    void aLargeMessageLeavesNothingBehindForTheNext() {
        String large = "x".repeat(40_000);
        assertEncodedAsJainSipDoes(bytes(invite("", "text/plain", "")
                .replace("X-Unknown: kept as it came", "X-Large: " + large)));
        byte[] small = bytes(invite("", null, ""));
        assertEncodedAsJainSipDoes(small);
        String encoded = new String(MessageEncoder.encode(
                ((ParseOutcome.Parsed) new SipParser(256).parse(small, Transport.UDP)).message(), "TCP"),
                StandardCharsets.ISO_8859_1);
        assertTrue(encoded.startsWith("INVITE sip:15551234567@127.0.0.1:5060 SIP/2.0\r\nVia: SIP/2.0/TCP 127.0.0.10"),
                encoded);
        assertTrue(encoded.endsWith("Content-Length: 0\r\n\r\n") && !encoded.contains("X-Large"), encoded);
    }
}
