package io.sipfront.core.sip;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.net.Transport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/** What the parser cache tests compare: a message's bytes and text, its header classes, two parse outcomes. */
final class ParsedText {
    private ParsedText() {
    }

    /** The same outcome: the same message, byte for byte and header class for header class, or the same refusal. */
    static void assertSameOutcome(ParseOutcome expected, ParseOutcome actual) {
        assertEquals(expected.getClass(), actual.getClass());
        if (expected instanceof ParseOutcome.Parsed parsed) {
            SIPMessage a = parsed.message();
            SIPMessage b = ((ParseOutcome.Parsed) actual).message();
            assertEquals(text(a), text(b));
            assertEquals(headerClasses(a), headerClasses(b));
        } else if (expected instanceof ParseOutcome.Rejected rejected) {
            ParseOutcome.Rejected r = (ParseOutcome.Rejected) actual;
            assertEquals(rejected.status(), r.status());
            assertEquals(rejected.reason(), r.reason());
            assertArrayEquals(rejected.response(), r.response());
        } else {
            assertEquals(((ParseOutcome.Dropped) expected).reason(), ((ParseOutcome.Dropped) actual).reason());
        }
    }

    static SIPRequest parsed(SipParser parser, String text) {
        return (SIPRequest) assertInstanceOf(ParseOutcome.Parsed.class, parser.parse(bytes(text), Transport.UDP))
                .message();
    }

    static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    static String text(SIPMessage message) {
        return new String(message.encodeAsBytes("UDP"), StandardCharsets.ISO_8859_1);
    }

    static List<String> headerClasses(SIPMessage message) {
        List<String> classes = new ArrayList<>();
        for (Iterator<SIPHeader> it = message.getHeaders(); it.hasNext(); ) {
            classes.add(it.next().getClass().getName());
        }
        return classes;
    }
}
