package io.sipfront.core.sip;

import static io.sipfront.core.sip.ParsedText.bytes;
import static io.sipfront.core.sip.ParsedText.parsed;
import static io.sipfront.core.sip.ParsedText.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.net.Transport;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A message parsed again, with its lines copied from the parser's {@link ParsedLines}, is the message the
 * first parse gave; and what one message does to its start line or headers never reaches another.
 */
class ParsedLineCacheTest {

    private static final String INVITE = "INVITE sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
            + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-1\r\n"
            + "From: \"Bench\" <sip:+442071234567@127.0.0.10:5060>;tag=42SIPpTag001\r\n"
            + "To: <sip:15551234567@127.0.0.1:5060>\r\n"
            + "Call-ID: 1-42@127.0.0.10\r\n"
            + "CSeq: 1 INVITE\r\n"
            + "Contact: <sip:bench@127.0.0.10:5060;transport=UDP>\r\n"
            + "Max-Forwards: 70\r\n"
            + "Record-Route: <sip:127.0.0.30;lr>, <sip:127.0.0.31;lr>\r\n"
            + "Content-Length: 0\r\n\r\n";

    /** Every conformance message, parsed three times by a new parser: the second and third copy their lines. */
    @TestFactory
    Stream<DynamicTest> everyConformanceMessageParsesTheSameFromTheCache() {
        List<DynamicTest> tests = new ArrayList<>();
        for (ConformanceParsingTest.Case c : ConformanceParsingTest.RFC4475) {
            tests.add(DynamicTest.dynamicTest("rfc4475 " + c.name(), () -> sameEveryTime(Corpus.rfc4475(c.name()))));
        }
        for (ConformanceParsingTest.Case c : ConformanceParsingTest.RFC5118) {
            byte[] wire = Corpus.wire(Corpus.rfc5118(c.name()));
            tests.add(DynamicTest.dynamicTest("rfc5118 " + c.name(), () -> sameEveryTime(wire)));
        }
        tests.add(DynamicTest.dynamicTest("plain INVITE", () -> sameEveryTime(bytes(INVITE))));
        return tests.stream();
    }

    private static void sameEveryTime(byte[] message) {
        SipParser parser = new SipParser(256);
        ParseOutcome first = parser.parse(message, Transport.UDP);
        for (int i = 0; i < 2; i++) {
            ParsedText.assertSameOutcome(first, parser.parse(message, Transport.UDP));
        }
    }

    @Test
    void whatOneMessageDoesToItsHeadersNeverReachesTheNext() throws Exception {
        SipParser parser = new SipParser(256);
        String before = text(parsed(parser, INVITE));
        for (int i = 0; i < 3; i++) { // from the 2nd parse on, every line is a copy from the cache
            SIPRequest request = parsed(parser, INVITE);
            request.getFromHeader().setTag("changed");
            request.getTopmostVia().setReceived("127.9.9.9");
            request.getMaxForwards().decrementMaxForwards();
            ((SipUri) request.getRequestURI()).setUser("changed");
            request.setMethod("OPTIONS");
            ((SipUri) ((RecordRoute) request.getRecordRouteHeaders().getFirst()).getAddress().getURI())
                    .setHost("127.8.8.8");
        }
        String after = text(parsed(parser, INVITE));
        assertEquals(before, after);
        assertTrue(after.contains(";tag=42SIPpTag001\r\n"));
        assertTrue(after.startsWith("INVITE sip:15551234567@"));
    }

    @Test
    void aStatusLineChangedInOneResponseIsReadAsReceivedInTheNext() throws Exception {
        SipParser parser = new SipParser(256);
        String ringing = "SIP/2.0 180 Ringing\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-1\r\n"
                + "From: <sip:a@127.0.0.10>;tag=1\r\nTo: <sip:b@127.0.0.1>;tag=2\r\n"
                + "Call-ID: r@127.0.0.10\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        for (int i = 0; i < 3; i++) {
            SIPResponse response = (SIPResponse) assertInstanceOf(ParseOutcome.Parsed.class,
                    parser.parse(bytes(ringing), Transport.UDP)).message();
            response.setStatusCode(183);
            response.setReasonPhrase("Session Progress");
        }
        String last = text(((ParseOutcome.Parsed) parser.parse(bytes(ringing), Transport.UDP)).message());
        assertTrue(last.startsWith("SIP/2.0 180 Ringing\r\n"), last);
    }

    @Test
    void theEventLoopsShareOneCache() throws Exception {
        SipParser parser = new SipParser(256);
        parsed(parser, INVITE); // read by one loop ...
        ExecutorService otherLoop = Executors.newSingleThreadExecutor();
        try {
            // ... its lines are copies for another: the same Call-ID, changed on this thread, reads as received there
            SIPRequest here = parsed(parser, INVITE);
            here.getCallId().setCallId("changed@here");
            String there = CompletableFuture.supplyAsync(() -> text(parsed(parser, INVITE)), otherLoop).get();
            assertTrue(there.contains("Call-ID: 1-42@127.0.0.10\r\n"), there);
        } finally {
            otherLoop.shutdown();
        }
    }

    @Test
    void aLineIsKeptAtItsFirstParseAndHandedOutAsCopies() {
        ParsedLineCache<SIPHeader> cache = new ParsedLineCache<>(16);
        SIPHeader cseq = (SIPHeader) parsed(new SipParser(256), INVITE).getCSeq();
        String line = "CSeq: 1 INVITE";
        assertNull(cache.copyOf(line));
        cache.parsed(line, cseq);
        SIPHeader one = cache.copyOf(line);
        SIPHeader two = cache.copyOf(line);
        assertNotNull(one);
        assertNotSame(one, two);
        assertNotSame(cseq, one);
        assertEquals(cseq.encode(), one.encode());
    }

    @Test
    void uniqueLinesNeverGrowItBeyondItsCapacityAndLongLinesAreNotKept() {
        ParsedLineCache<SIPHeader> cache = new ParsedLineCache<>(64);
        SIPHeader callId = (SIPHeader) parsed(new SipParser(256), INVITE).getCallId();
        for (int i = 0; i < 10_000; i++) {
            cache.parsed("Call-ID: " + i, callId);
            assertTrue(cache.size() <= 64);
        }
        assertNotNull(cache.copyOf("Call-ID: 9999"), "the lines in use are kept after the cache was emptied");
        String longLine = "Call-ID: " + "x".repeat(ParsedLineCache.MAX_TEXT);
        cache.parsed(longLine, callId);
        assertNull(cache.copyOf(longLine));
    }

}
