package io.sipfront.core.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.net.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * A message parsed again, with its lines copied from the thread's {@link ParsedLines}, is the message the
 * first parse gave; and what one message does to its start line or headers never reaches another.
 */
class ParsedLineCacheTest {

    private static final SipParser PARSER = new SipParser(256);

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

    /** Every conformance message, parsed three times on one fresh thread: the third parse copies its lines. */
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

    private static void sameEveryTime(byte[] message) throws Exception {
        ExecutorService freshThread = Executors.newSingleThreadExecutor();
        try {
            List<ParseOutcome> outcomes = CompletableFuture.supplyAsync(() -> List.of(
                    PARSER.parse(message, Transport.UDP), PARSER.parse(message, Transport.UDP),
                    PARSER.parse(message, Transport.UDP)), freshThread).get();
            ParseOutcome first = outcomes.get(0);
            for (ParseOutcome again : outcomes.subList(1, 3)) {
                assertEquals(first.getClass(), again.getClass());
                if (first instanceof ParseOutcome.Parsed parsed) {
                    SIPMessage a = parsed.message();
                    SIPMessage b = ((ParseOutcome.Parsed) again).message();
                    assertEquals(text(a), text(b));
                    assertEquals(headerClasses(a), headerClasses(b));
                } else if (first instanceof ParseOutcome.Rejected rejected) {
                    ParseOutcome.Rejected r = (ParseOutcome.Rejected) again;
                    assertEquals(rejected.status(), r.status());
                    assertEquals(rejected.reason(), r.reason());
                    assertArrayEquals(rejected.response(), r.response());
                } else {
                    assertEquals(((ParseOutcome.Dropped) first).reason(), ((ParseOutcome.Dropped) again).reason());
                }
            }
        } finally {
            freshThread.shutdown();
        }
    }

    @Test
    void whatOneMessageDoesToItsHeadersNeverReachesTheNext() throws Exception {
        ExecutorService freshThread = Executors.newSingleThreadExecutor();
        try {
            List<String> texts = CompletableFuture.supplyAsync(() -> {
                String before = text(parsed(INVITE));
                for (int i = 0; i < 3; i++) { // the 2nd parse fills the cache, the 3rd is copied from it
                    SIPRequest request = parsed(INVITE);
                    try {
                        request.getFromHeader().setTag("changed");
                        request.getTopmostVia().setReceived("127.9.9.9");
                        request.getMaxForwards().decrementMaxForwards();
                        ((gov.nist.javax.sip.address.SipUri) request.getRequestURI()).setUser("changed");
                        request.setMethod("OPTIONS");
                        ((gov.nist.javax.sip.address.SipUri) ((gov.nist.javax.sip.header.RecordRoute) request.getRecordRouteHeaders().getFirst()).getAddress()
                                .getURI()).setHost("127.8.8.8");
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
                return List.of(before, text(parsed(INVITE)));
            }, freshThread).get();
            assertEquals(texts.get(0), texts.get(1));
            assertTrue(texts.get(1).contains(";tag=42SIPpTag001\r\n"));
            assertTrue(texts.get(1).startsWith("INVITE sip:15551234567@"));
        } finally {
            freshThread.shutdown();
        }
    }

    @Test
    void aStatusLineChangedInOneResponseIsReadAsReceivedInTheNext() throws Exception {
        String ringing = "SIP/2.0 180 Ringing\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-1\r\n"
                + "From: <sip:a@127.0.0.10>;tag=1\r\nTo: <sip:b@127.0.0.1>;tag=2\r\n"
                + "Call-ID: r@127.0.0.10\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n";
        ExecutorService freshThread = Executors.newSingleThreadExecutor();
        try {
            String last = CompletableFuture.supplyAsync(() -> {
                for (int i = 0; i < 3; i++) {
                    var response = (gov.nist.javax.sip.message.SIPResponse) assertInstanceOf(ParseOutcome.Parsed.class,
                            PARSER.parse(bytes(ringing), Transport.UDP)).message();
                    try {
                        response.setStatusCode(183);
                        response.setReasonPhrase("Session Progress");
                    } catch (java.text.ParseException e) {
                        throw new IllegalStateException(e);
                    }
                }
                return text(((ParseOutcome.Parsed) PARSER.parse(bytes(ringing), Transport.UDP)).message());
            }, freshThread).get();
            assertTrue(last.startsWith("SIP/2.0 180 Ringing\r\n"), last);
        } finally {
            freshThread.shutdown();
        }
    }

    @Test
    void aLineIsKeptTheSecondTimeAndHandedOutAsCopies() {
        ParsedLineCache<SIPHeader> cache = new ParsedLineCache<SIPHeader>(16);
        SIPRequest request = parsed(INVITE);
        String line = "CSeq: 1 INVITE";
        SIPHeader cseq = (SIPHeader) request.getCSeq();
        assertNull(cache.copyOf(line));
        cache.parsed(line, cseq);
        assertNull(cache.copyOf(line), "kept after one sighting");
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
        ParsedLineCache<SIPHeader> cache = new ParsedLineCache<SIPHeader>(64);
        SIPHeader callId = (SIPHeader) parsed(INVITE).getCallId();
        for (int i = 0; i < 10_000; i++) {
            cache.parsed("Call-ID: " + i, callId);
            assertTrue(cache.size() <= 64);
        }
        String longLine = "Call-ID: " + "x".repeat(ParsedLineCache.MAX_TEXT);
        cache.parsed(longLine, callId);
        cache.parsed(longLine, callId);
        assertNull(cache.copyOf(longLine));
    }

    private static SIPRequest parsed(String text) {
        return (SIPRequest) assertInstanceOf(ParseOutcome.Parsed.class, PARSER.parse(bytes(text), Transport.UDP))
                .message();
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    private static String text(SIPMessage message) {
        return new String(message.encodeAsBytes("UDP"), StandardCharsets.ISO_8859_1);
    }

    private static List<String> headerClasses(SIPMessage message) {
        List<String> classes = new ArrayList<>();
        for (Iterator<SIPHeader> it = message.getHeaders(); it.hasNext(); ) {
            classes.add(it.next().getClass().getName());
        }
        return classes;
    }
}
