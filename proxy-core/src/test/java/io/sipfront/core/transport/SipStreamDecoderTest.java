package io.sipfront.core.transport;

import static java.nio.charset.StandardCharsets.ISO_8859_1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SipStreamDecoderTest {
    private static final int MAX = 4096;

    private EmbeddedChannel channel;
    /** Every buffer written in, to prove the decoder released each of them. */
    private final List<ByteBuf> written = new ArrayList<>();

    @BeforeAll
    static void paranoid() {
        LeakCheck.assertParanoid();
    }

    @BeforeEach
    void open() {
        channel = new EmbeddedChannel(new SipStreamDecoder(MAX));
    }

    @AfterEach
    void closeAndCheckReleased() throws InterruptedException {
        channel.finishAndReleaseAll();
        for (ByteBuf buf : written) {
            assertEquals(0, buf.refCnt(), "an input buffer was not released");
        }
        LeakCheck.assertNoLeaks();
    }

    // ---- framing ------------------------------------------------------------------------------------------

    @Test
    void framesOneMessage() {
        byte[] invite = message("INVITE sip:bob@example.com SIP/2.0", "Content-Length: 5", "v=0\r\n");
        write(invite);
        assertArrayEquals(invite, readMessage());
        assertNoMoreInbound();
    }

    @Test
    void framesTwoMessagesFromOneRead() {
        byte[] first = message("OPTIONS sip:a SIP/2.0", "Content-Length: 0", "");
        byte[] second = message("SIP/2.0 200 OK", "Content-Length: 3", "abc");
        write(concat(first, second));
        assertArrayEquals(first, readMessage());
        assertArrayEquals(second, readMessage());
        assertNoMoreInbound();
    }

    @Test
    void framesMessagesSplitAtEveryByteBoundary() {
        byte[] first = message("INVITE sip:b SIP/2.0", "Via: SIP/2.0/TCP h;branch=z9hG4bK1\r\nContent-Length: 10",
                "0123\r\n\r\n89");
        byte[] second = message("BYE sip:b SIP/2.0", "l: 0", "");
        byte[] both = concat(first, second);
        for (int split = 1; split < both.length; split++) {
            write(slice(both, 0, split));
            write(slice(both, split, both.length));
            assertArrayEquals(first, readMessage(), "split at " + split);
            assertArrayEquals(second, readMessage(), "split at " + split);
            assertNoMoreInbound();
        }
    }

    @Test
    void framesMessageFedOneByteAtATime() {
        byte[] invite = message("INVITE sip:b SIP/2.0", "Content-Length: 4", "\r\n\r\n");
        for (byte b : invite) {
            assertNoMoreInbound();
            write(new byte[] {b});
        }
        assertArrayEquals(invite, readMessage());
        assertNoMoreInbound();
    }

    @Test
    void keepsBinaryBodyByteIdentical() {
        byte[] body = new byte[256];
        for (int i = 0; i < body.length; i++) {
            body[i] = (byte) i; // NUL, CR, LF, 0x80..0xFF: all of them
        }
        byte[] msg = concat(("MESSAGE sip:b SIP/2.0\r\nContent-Type: application/octet-stream\r\nContent-Length: "
                + body.length + "\r\n\r\n").getBytes(ISO_8859_1), body);
        write(msg);
        byte[] decoded = readMessage();
        assertArrayEquals(msg, decoded);
        assertArrayEquals(body, slice(decoded, decoded.length - body.length, decoded.length));
    }

    @ParameterizedTest
    @ValueSource(strings = {"l: 3", "L:3", "content-length:3", "CONTENT-LENGTH: 3", "Content-Length :\t 3 \t",
            "Content-Length: 003", "Content-Length:\r\n 3"})
    void readsContentLengthInEveryAllowedSpelling(String header) {
        byte[] msg = message("SIP/2.0 180 Ringing", header, "xyz");
        write(concat(msg, message("SIP/2.0 200 OK", "l: 0", "")));
        assertArrayEquals(msg, readMessage());
        assertInstanceOf(byte[].class, channel.readInbound());
    }

    @Test
    void acceptsDuplicateContentLengthWithTheSameValue() {
        byte[] msg = message("SIP/2.0 200 OK", "Content-Length: 2\r\nl: 2", "ok");
        write(msg);
        assertArrayEquals(msg, readMessage());
    }

    @Test
    void ignoresContentLengthLookalikesInTheBody() {
        byte[] msg = message("SIP/2.0 200 OK", "Content-Length: 24", "\r\nContent-Length: 9999\r\n");
        write(msg);
        assertArrayEquals(msg, readMessage());
    }

    @Test
    void ignoresHeadersThatOnlyEndLikeContentLength() {
        byte[] msg = message("SIP/2.0 200 OK", "X-Content-Length: 7\r\nContent-Length: 0", "");
        write(msg);
        assertArrayEquals(msg, readMessage());
    }

    // ---- keep-alive ---------------------------------------------------------------------------------------

    @Test
    void answersDoubleCrlfPingWithSingleCrlfPong() {
        write("\r\n\r\n".getBytes(ISO_8859_1));
        assertNoMoreInbound();
        assertEquals("\r\n", readOutbound());
        assertNull(channel.readOutbound());
    }

    @Test
    void answersPingSplitAcrossReadsAndBetweenMessages() {
        byte[] msg = message("OPTIONS sip:a SIP/2.0", "l: 0", "");
        write(concat(msg, "\r\n".getBytes(ISO_8859_1)));
        assertArrayEquals(msg, readMessage());
        assertNull(channel.readOutbound());
        write("\r".getBytes(ISO_8859_1));
        write(concat("\n".getBytes(ISO_8859_1), msg));
        assertEquals("\r\n", readOutbound());
        assertArrayEquals(msg, readMessage());
        assertNoMoreInbound();
    }

    @Test
    void skipsSingleStrayCrlfWithoutAnswering() {
        byte[] msg = message("OPTIONS sip:a SIP/2.0", "l: 0", "");
        write(concat("\r\n".getBytes(ISO_8859_1), msg));
        assertArrayEquals(msg, readMessage());
        assertNull(channel.readOutbound());
    }

    // ---- framing errors -----------------------------------------------------------------------------------

    @Test
    void missingContentLengthIsAFramingError() {
        write(message("INVITE sip:b SIP/2.0", "Via: SIP/2.0/TCP h", ""));
        assertFramingError("missing Content-Length");
    }

    @Test
    void negativeContentLengthIsAFramingError() {
        write(message("INVITE sip:b SIP/2.0", "Content-Length: -5", ""));
        assertFramingError("negative Content-Length");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Content-Length: abc", "Content-Length: 5x", "l: 1 2", "Content-Length: 0x10",
            "Content-Length: +5", "Content-Length: 5, 5"})
    void nonNumericContentLengthIsAFramingError(String header) {
        write(message("INVITE sip:b SIP/2.0", header, ""));
        assertFramingError("non-numeric Content-Length");
    }

    @Test
    void emptyContentLengthIsAFramingError() {
        write(message("INVITE sip:b SIP/2.0", "Content-Length:  ", ""));
        assertFramingError("empty Content-Length");
    }

    @Test
    void conflictingContentLengthsAreAFramingError() {
        write(message("INVITE sip:b SIP/2.0", "Content-Length: 0\r\nl: 4", "abcd"));
        assertFramingError("conflicting Content-Length");
    }

    @Test
    void headersNotEndingWithinTheLimitAreAFramingError() {
        StringBuilder headers = new StringBuilder("INVITE sip:b SIP/2.0\r\n");
        while (headers.length() <= MAX) {
            headers.append("X-Filler: 0123456789012345678901234567890123456789\r\n");
        }
        // No end of headers yet, but already more than MAX bytes: no need to wait for it.
        write(headers.toString().getBytes(ISO_8859_1));
        assertFramingError("header section does not end within " + MAX);
    }

    @Test
    void headersEndingExactlyAtTheLimitAreAccepted() {
        String start = "INVITE sip:b SIP/2.0\r\nContent-Length: 0\r\nX-Pad: ";
        String pad = "p".repeat(MAX - start.length() - 4);
        byte[] msg = (start + pad + "\r\n\r\n").getBytes(ISO_8859_1);
        assertEquals(MAX, msg.length);
        write(msg);
        assertArrayEquals(msg, readMessage());
    }

    @Test
    void contentLengthOverTheLimitIsAFramingErrorBeforeTheBodyArrives() {
        write(message("INVITE sip:b SIP/2.0", "Content-Length: 100000000000000000000", ""));
        assertFramingError("exceeds the limit of " + MAX);
    }

    @Test
    void headersPlusBodyOverTheLimitIsAFramingError() {
        byte[] head = message("INVITE sip:b SIP/2.0", "Content-Length: " + (MAX - 10), "");
        write(head);
        assertFramingError("exceeds the limit of " + MAX);
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "INVITE sip:b SIP/2.0\nContent-Length: 0\n\n",            // LF-only line endings
        "INVITE sip:b SIP/2.0\r\nContent-Length: 0\n\r\n",        // bare LF ending a header
        "INVITE sip:b SIP/2.0\r\nContent-Length: 0\r\n\n",        // CRLF LF as the end of headers
        "INVITE sip:b SIP/2.0\r\nContent-Length: 0\r\rX: 1\r\n\r\n", // bare CR
        "\nINVITE sip:b SIP/2.0\r\nContent-Length: 0\r\n\r\n"    // stray bare LF between messages
    })
    void bareCrOrLfInHeadersIsAFramingError(String input) {
        write(input.getBytes(ISO_8859_1));
        Object first = channel.readInbound();
        assertInstanceOf(StreamFramingError.class, first);
        assertTrue(((StreamFramingError) first).reason().startsWith("bare "), ((StreamFramingError) first).reason());
        assertNoMoreInbound();
    }

    @Test
    void quotesOffendingValuesSafely() {
        write(message("INVITE sip:b SIP/2.0", "Content-Length: \u0007" + "9".repeat(100), ""));
        StreamFramingError error = (StreamFramingError) channel.readInbound();
        assertTrue(error.reason().chars().allMatch(c -> c >= 0x20 && c < 0x7f), error.reason());
        assertTrue(error.reason().length() < 100, error.reason());
    }

    @Test
    void discardsEverythingAfterAFramingError() {
        write(concat(message("INVITE sip:b SIP/2.0", "Content-Length: x", ""),
                message("OPTIONS sip:a SIP/2.0", "l: 0", "")));
        assertInstanceOf(StreamFramingError.class, channel.readInbound());
        write(message("OPTIONS sip:a SIP/2.0", "l: 0", ""));
        write("\r\n\r\n".getBytes(ISO_8859_1));
        assertNoMoreInbound();
        assertNull(channel.readOutbound(), "no pong after a framing error");
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private void assertFramingError(String reasonFragment) {
        Object first = channel.readInbound();
        assertInstanceOf(StreamFramingError.class, first);
        String reason = ((StreamFramingError) first).reason();
        assertTrue(reason.contains(reasonFragment), () -> "reason: " + reason);
        // Nothing is decoded after the error, even a valid message.
        write(message("OPTIONS sip:a SIP/2.0", "Content-Length: 0", ""));
        assertNoMoreInbound();
    }

    private void write(byte[] bytes) {
        ByteBuf buf = Unpooled.copiedBuffer(bytes);
        written.add(buf);
        channel.writeInbound(buf);
    }

    private byte[] readMessage() {
        Object decoded = channel.readInbound();
        assertInstanceOf(byte[].class, decoded, () -> "expected a message, got " + decoded);
        return (byte[]) decoded;
    }

    private String readOutbound() {
        ByteBuf out = channel.readOutbound();
        try {
            return out.toString(ISO_8859_1);
        } finally {
            out.release();
        }
    }

    private void assertNoMoreInbound() {
        Object extra = channel.readInbound();
        assertNull(extra, () -> "unexpected " + (extra instanceof byte[] ? new String((byte[]) extra, ISO_8859_1) : extra));
    }

    /** A message from its start line, header line(s) and body; adds the CRLFs. */
    private static byte[] message(String startLine, String headers, String body) {
        return (startLine + "\r\n" + headers + "\r\n\r\n" + body).getBytes(ISO_8859_1);
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }

    private static byte[] slice(byte[] bytes, int from, int to) {
        return java.util.Arrays.copyOfRange(bytes, from, to);
    }
}
