package io.sipfront.core.sip;

import gov.nist.javax.sip.message.SIPMessage;
import io.sipfront.net.Transport;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Damaged and hostile input: the parser answers every one, quickly, and what it accepts it can forward. */
class RobustnessTest {

    private static final SipParser PARSER = new SipParser(256);

    /** The messages that must parse: RFC 4475 §3.1.1 and RFC 5118's valid ones in wire form. */
    private static List<byte[]> validMessages() {
        List<byte[]> messages = new ArrayList<>();
        for (ConformanceParsingTest.Case c : ConformanceParsingTest.RFC4475.subList(0, 13)) {
            messages.add(Corpus.rfc4475(c.name()));
        }
        for (ConformanceParsingTest.Case c : ConformanceParsingTest.RFC5118) {
            if (c.expected() instanceof ConformanceParsingTest.Accept) {
                messages.add(Corpus.wire(Corpus.rfc5118(c.name())));
            }
        }
        return messages;
    }

    @Test
    void truncatedAtEveryOffsetEveryValidMessageGetsAnOutcome() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            int parses = 0;
            for (byte[] message : validMessages()) {
                for (int length = 0; length <= message.length; length++) {
                    byte[] prefix = Arrays.copyOf(message, length);
                    for (Transport transport : Transport.values()) {
                        checkInvariants(prefix, transport);
                        parses++;
                    }
                }
            }
            assertTrue(parses > 20_000, "parsed " + parses);
        });
    }

    @Test
    void randomlyDamagedCorpusMessagesGetAnOutcome() {
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> {
            Random random = new Random(4475_5118L);
            List<byte[]> corpus = new ArrayList<>();
            ConformanceParsingTest.RFC4475.forEach(c -> corpus.add(Corpus.rfc4475(c.name())));
            ConformanceParsingTest.RFC5118.forEach(c -> corpus.add(Corpus.rfc5118(c.name())));
            byte[] special = {0, '\r', '\n', ' ', '\t', ':', ';', ',', '<', '>', '"', '\\', '[', ']', '@', '%', (byte) 0xff};
            for (byte[] original : corpus) {
                for (int round = 0; round < 300; round++) {
                    byte[] damaged = original.clone();
                    int edits = 1 + random.nextInt(4);
                    for (int e = 0; e < edits; e++) {
                        int at = random.nextInt(damaged.length);
                        damaged[at] = random.nextBoolean() ? special[random.nextInt(special.length)] : (byte) random.nextInt(256);
                    }
                    checkInvariants(damaged, random.nextBoolean() ? Transport.UDP : Transport.TCP);
                }
            }
        });
    }

    @TestFactory
    Stream<DynamicTest> hostileShapesAreAnsweredQuickly() {
        String base = "INVITE sip:b@example.com SIP/2.0\r\nVia: SIP/2.0/UDP h;branch=z9hG4bK1\r\n"
                + "From: <sip:a@b>;tag=1\r\nTo: <sip:c@d>\r\nCall-ID: x\r\nCSeq: 1 INVITE\r\n";
        String[] shapes = {
            "Route: <sip:h;" + "x=y;".repeat(14_000) + "lr>",
            "Record-Route: " + "<sip:h;lr>,".repeat(5_000) + "<sip:h;lr>",
            ("Record-Route: " + "<sip:h;lr>,".repeat(3) + "<sip:h;lr>\r\n").repeat(120),
            "Contact: " + "<".repeat(30_000),
            "Contact: <sip:" + "a".repeat(60_000) + "@b>",
            "Contact: \"" + "\\\"".repeat(20_000) + "\" <sip:a@b>",
            "Server: " + "(".repeat(20_000) + ")".repeat(20_000),
            "Subject: " + "a\r\n ".repeat(15_000),
            "Authorization: Digest " + "a=b,".repeat(14_000) + "c=d",
            "Via: SIP/2.0/UDP h;branch=z9hG4bK2" + ";x=y".repeat(14_000),
            "X-Long: " + "x".repeat(60_000),
        };
        return Arrays.stream(shapes).map(shape -> DynamicTest.dynamicTest(
                shape.substring(0, 14).trim() + " (" + shape.length() + " bytes)",
                () -> assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
                    byte[] bytes = (base + shape + "\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
                    for (int i = 0; i < 3; i++) {
                        checkInvariants(bytes, Transport.UDP);
                    }
                })));
    }

    /**
     * Whatever the input: an outcome, the input untouched; a parsed message whose body is its
     * Content-Length and which, encoded for forwarding, parses again to the same bytes; an error
     * response that is a complete SIP response.
     */
    private static void checkInvariants(byte[] bytes, Transport transport) {
        byte[] copy = bytes.clone();
        ParseOutcome outcome = PARSER.parse(bytes, transport);
        assertNotNull(outcome);
        assertArrayEquals(copy, bytes);
        if (outcome instanceof ParseOutcome.Parsed parsed) {
            SIPMessage m = parsed.message();
            byte[] body = m.getRawContent();
            assertEquals(body == null ? 0 : body.length, m.getContentLength().getContentLength());
            byte[] forwarded = m.encodeAsBytes(m.getTopmostVia().getTransport());
            ParseOutcome again = PARSER.parse(forwarded, Transport.TCP);
            SIPMessage reparsed = assertInstanceOf(ParseOutcome.Parsed.class, again,
                    () -> "forwards what it would refuse: " + again + "\n" + new String(forwarded, StandardCharsets.ISO_8859_1)).message();
            assertArrayEquals(forwarded, reparsed.encodeAsBytes(reparsed.getTopmostVia().getTransport()));
        } else if (outcome instanceof ParseOutcome.Rejected rejected) {
            String response = new String(rejected.response(), StandardCharsets.ISO_8859_1);
            assertTrue(response.startsWith("SIP/2.0 " + rejected.status() + " "), response);
            assertTrue(response.endsWith("\r\nContent-Length: 0\r\n\r\n"), response);
        } else {
            assertFalse(((ParseOutcome.Dropped) outcome).reason().isEmpty());
        }
    }
}
