package io.sipfront.core.sip;

import static io.sipfront.core.sip.ParsedText.bytes;
import static io.sipfront.core.sip.ParsedText.parsed;
import static io.sipfront.core.sip.ParsedText.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.net.Transport;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A header line copied from an earlier line of the same {@link LineTemplate}, with its own per-call value set, is
 * what a parser that never saw the earlier line makes of it; lines whose value could change the reading have no
 * template and are parsed in full.
 */
class LineTemplateTest {

    private static String invite(String branch, String fromTag, String callId, String cseq, String body) {
        return "INVITE sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=" + branch + ";rport\r\n"
                + "From: \"Bench\" <sip:+442071234567@127.0.0.10:5060>;tag=" + fromTag + "\r\n"
                + "To: <sip:15551234567@127.0.0.1:5060>\r\n"
                + "Call-ID: " + callId + "\r\n"
                + "CSeq: " + cseq + " INVITE\r\n"
                + "Contact: <sip:bench@127.0.0.10:5060;transport=UDP>\r\n"
                + "Max-Forwards: 70\r\n"
                + "Content-Type: application/sdp\r\n"
                + "Content-Length: " + body.length() + "\r\n\r\n" + body;
    }

    private static String ringing(String ourBranch, String toTag, String callId) {
        return "SIP/2.0 180 Ringing\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;branch=" + ourBranch
                + ",SIP/2.0/UDP 127.0.0.10:5060;received=127.0.0.10;branch=z9hG4bK-" + ourBranch.length() + ";rport=5060\r\n"
                + "v: SIP/2.0/UDP 127.0.0.30:5060;branch=z9hG4bK-" + toTag + "\r\n"
                + "f: <sip:+442071234567@127.0.0.10:5060>;tag=42\r\n"
                + "t: <sip:15551234567@127.0.0.1:5060>;tag=" + toTag + "\r\n"
                + "i: " + callId + "\r\n"
                + "CSeq: 1 INVITE\r\n"
                + "l: 0\r\n\r\n";
    }

    @Test
    void theValueThatChangesPerCallIsCutOutOfTheLine() {
        LineTemplate via = LineTemplate.of("Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-7-1;rport");
        assertEquals("z9hG4bK-7-1", via.value());
        assertEquals("Via: SIP/2.0/UDP 127.0.0.10:5060;branch=\0;rport", via.key());
        assertEquals("a.b_c", LineTemplate.of("From: <sip:a@b>;tag=a.b_c").value());
        assertEquals("x@y", LineTemplate.of("i:x@y").value());
        assertEquals("Call-ID: \0", LineTemplate.of("Call-ID: 1-42@127.0.0.10").key());
        assertEquals("CSeq: \0 BYE", LineTemplate.of("CSeq: 314 BYE").key());
        assertEquals("129", LineTemplate.of("Content-Length: 129").value());
        assertEquals(LineTemplate.of("Call-ID: a@b").key(), LineTemplate.of("Call-ID: c@d").key());
        LineTemplate twoVias = LineTemplate.of("Via: SIP/2.0/UDP a;branch=z9hG4bK1,SIP/2.0/UDP b;branch=z9hG4bK2;rport=5");
        assertEquals("Via: SIP/2.0/UDP a;branch=\0,SIP/2.0/UDP b;branch=\0;rport=5", twoVias.key());
        assertEquals(List.of("z9hG4bK1", "z9hG4bK2"), List.of(twoVias.values()));
        assertNull(LineTemplate.of("From: <sip:a@b>;tag=1;tag=2"), "one tag only");
        assertNull(LineTemplate.of("To: \"Doe, J\" <sip:a@b>;tag=1"), "a comma outside a Via line");
    }

    @Test
    void aLineWhoseValueCouldChangeTheReadingHasNoTemplate() {
        for (String line : List.of(
                "To: <sip:b@127.0.0.1>",                                    // nothing per call
                "From: <sip:a@b;tag=1>",                                    // a URI parameter, ends at '>'
                "From: <sip:a@b>;tag=\"quoted\"",                           // not a token
                "From: <sip:a@b>;tag=50%25",                                // an escape: left to the full parse
                "From: <sip:a@b>;tag=",                                     // empty
                "Call-ID: a b",                                             // JAIN-SIP keeps the rest of the line
                "CSeq: 0123 INVITE",                                        // would not survive encoding
                "CSeq: 2147483647 INVITE",                                  // near the limit: parsed in full
                "Content-Length: 12 x",
                "Contact: <sip:a@b>;tag=1",                                 // not a header with a per-call value
                "X-Call-ID: a@b")) {
            assertNull(LineTemplate.of(line), line);
        }
    }

    @Test
    void aCallParsedFromTemplatesIsTheCallAFreshParserReads() {
        SipParser warm = new SipParser(256);
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.10\r\n";
        warm.parse(bytes(invite("z9hG4bK-1-1-0", "1SIPpTag001", "1-42@127.0.0.10", "1", sdp)), Transport.UDP);
        warm.parse(bytes(ringing("z9hG4bKsfp1", "100SIPpTag01", "1-42@127.0.0.10")), Transport.UDP);
        List<String> messages = new ArrayList<>();
        for (int i = 2; i < 40; i++) {
            messages.add(invite("z9hG4bK-" + i + "-1-0", i + "SIPpTag00" + i, i + "-42@127.0.0.10",
                    Integer.toString(i * 7919), sdp + "s=" + "x".repeat(i) + "\r\n"));
            messages.add(ringing("z9hG4bKsfp" + Integer.toHexString(i * 31), i + "SIPpTag01", i + "-42@127.0.0.10"));
        }
        // values a template must not take: parsed in full, with whatever outcome that has
        messages.add(invite("z9hG4bK%41", "t`1", "weird;call@[::1]", "4294967296", sdp));
        messages.add(invite("z9hG4bK-x", "1'2", "a@b", "2147483648", sdp));
        messages.add(invite("z9hG4bK-y;x=1;branch=z9hG4bK-z", "3", "c@d", "5", sdp)); // one Via, two branches
        for (String m : messages) {
            assertSameAsFresh(warm, m);
        }
        ParsedLines lines = warm.parsedLines();
        assertTrue(lines.templates().size() >= 5, "Via, From, To, Call-ID, CSeq and Content-Length kept by template");
        assertTrue(lines.headers().size() < 20, "lines new in every call do not fill the exact-line cache: "
                + lines.headers().size());
    }

    @Test
    void everyConformanceMessageReadFromSharedTemplatesIsReadAsAFreshParserReadsIt() {
        SipParser shared = new SipParser(256);   // its templates fill up from every message before
        for (ConformanceParsingTest.Case c : ConformanceParsingTest.RFC4475) {
            assertSameAsFresh(shared, Corpus.rfc4475(c.name()));
        }
        for (ConformanceParsingTest.Case c : ConformanceParsingTest.RFC5118) {
            assertSameAsFresh(shared, Corpus.wire(Corpus.rfc5118(c.name())));
        }
        assertTrue(shared.parsedLines().templates().size() > 0);
    }

    @Test
    void aHeaderChangedInOneMessageIsReadAsReceivedInTheNext() throws Exception {
        SipParser parser = new SipParser(256);
        String sdp = "v=0\r\n";
        parser.parse(bytes(invite("z9hG4bK-a", "a", "a@h", "1", sdp)), Transport.UDP);
        SIPRequest second = parsed(parser, invite("z9hG4bK-b", "b", "b@h", "2", sdp));
        second.getTopmostVia().setBranch("z9hG4bK-changed");
        second.getFromHeader().setTag("changed");
        second.getCallId().setCallId("changed@h");
        String third = text(parsed(parser, invite("z9hG4bK-c", "c", "c@h", "3", sdp)));
        assertTrue(third.contains(";branch=z9hG4bK-c;rport\r\n"), third);
        assertTrue(third.contains(";tag=c\r\n"), third);
        assertTrue(third.contains("Call-ID: c@h\r\n"), third);
        assertTrue(third.contains("CSeq: 3 INVITE\r\n"), third);
    }

    private static void assertSameAsFresh(SipParser warm, String message) {
        assertSameAsFresh(warm, bytes(message));
    }

    private static void assertSameAsFresh(SipParser warm, byte[] message) {
        ParseOutcome got = warm.parse(message, Transport.UDP);
        ParseOutcome fresh = new SipParser(256).parse(message, Transport.UDP);
        ParsedText.assertSameOutcome(fresh, got);
    }
}
