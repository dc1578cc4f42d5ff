package io.sipfront.core.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Frames SIP messages on a byte stream (TCP): the header section ends at the first empty line (CRLF CRLF) and
 * the body is exactly {@code Content-Length} bytes (RFC 3261 §18.3). Emits each whole message as a
 * {@code byte[]} (copied once out of the cumulation buffer, which Netty releases), or one
 * {@link StreamFramingError} when the stream cannot be framed, after which every further byte is discarded:
 * the caller must close the connection, since nothing can say where the next message would start.
 *
 * <p>RFC 5626 §3.5.1 keep-alive: a double CRLF between messages is a "ping" and is answered with a single CRLF
 * "pong" written back on the channel; single stray CRLFs between messages are skipped.
 *
 * <p>Invalid input is data, never an exception escaping the pipeline. Rejected as framing errors:
 * <ul>
 *   <li>a header section that does not end within {@code maxMessageBytes};</li>
 *   <li>a bare CR or bare LF in the header section (see {@code scanHeaderSection});</li>
 *   <li>{@code Content-Length} (or compact {@code l}) missing, empty, negative, non-numeric, duplicated with
 *       different values, or making the message longer than {@code maxMessageBytes}.</li>
 * </ul>
 *
 * <p>Not sharable: one instance per connection.
 */
public final class SipStreamDecoder extends ByteToMessageDecoder {
    private static final byte CR = '\r';
    private static final byte LF = '\n';
    private static final byte SP = ' ';
    private static final byte HTAB = '\t';
    private static final ByteBuf PONG = Unpooled.unreleasableBuffer(
            Unpooled.wrappedBuffer(new byte[] {CR, LF}).asReadOnly());
    private static final byte[] CONTENT_LENGTH = "content-length".getBytes(StandardCharsets.US_ASCII);
    /** Results of the header scan other than a length. */
    private static final int NEED_MORE = -1;
    private static final int FAILED = -2;
    /** Longest piece of an offending header value quoted in a framing error. */
    private static final int MAX_QUOTED = 32;

    private final int maxMessageBytes;

    /** Bytes of the pending header section (from the reader index) already checked; resumes the scan. */
    private int headerBytesScanned;
    /** Total length of the message at the reader index once its headers are parsed; -1 before. */
    private int messageLength = -1;
    private boolean failed;

    public SipStreamDecoder(int maxMessageBytes) {
        if (maxMessageBytes < 16) {
            throw new IllegalArgumentException("maxMessageBytes too small: " + maxMessageBytes);
        }
        this.maxMessageBytes = maxMessageBytes;
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        if (messageLength < 0) {
            if (headerBytesScanned == 0 && !skipKeepAlives(ctx, in)) {
                return;
            }
            int headerLength = scanHeaderSection(in, out);
            if (headerLength == NEED_MORE) {
                return;
            }
            if (headerLength < 0) {
                return; // failed, the error is already reported
            }
            int bodyLength = contentLength(in, headerLength, out);
            if (bodyLength < 0) {
                return;
            }
            if ((long) headerLength + bodyLength > maxMessageBytes) {
                fail(in, out, "message of " + ((long) headerLength + bodyLength) + " bytes (Content-Length "
                        + bodyLength + ") exceeds the limit of " + maxMessageBytes);
                return;
            }
            messageLength = headerLength + bodyLength;
        }
        if (in.readableBytes() < messageLength) {
            return;
        }
        byte[] message = new byte[messageLength];
        in.readBytes(message);
        out.add(message);
        messageLength = -1;
        headerBytesScanned = 0;
    }

    // ---- keep-alive ---------------------------------------------------------------------------------------

    /**
     * At a message boundary: answers double-CRLF pings, skips single stray CRLFs.
     *
     * @return true to go on framing a message; false to wait for more bytes
     */
    private boolean skipKeepAlives(ChannelHandlerContext ctx, ByteBuf in) {
        while (in.readableBytes() >= 2 && in.getByte(in.readerIndex()) == CR && in.getByte(in.readerIndex() + 1) == LF) {
            if (in.readableBytes() < 4) {
                return false; // could still become a CRLF CRLF ping
            }
            int r = in.readerIndex();
            if (in.getByte(r + 2) == CR && in.getByte(r + 3) == LF) {
                in.skipBytes(4);
                ctx.writeAndFlush(PONG.duplicate());
            } else {
                in.skipBytes(2);
            }
        }
        // A lone CR could still be the start of a CRLF: wait for the next byte.
        return !(in.readableBytes() == 1 && in.getByte(in.readerIndex()) == CR);
    }

    // ---- header section -----------------------------------------------------------------------------------

    /**
     * Finds the end of the header section: returns its length including the terminating CRLF CRLF,
     * {@link #NEED_MORE}, or {@link #FAILED}.
     *
     * <p>PROTOCOL RISK (request smuggling): every line ending in the header section must be exactly CRLF.
     * Many SIP parsers, JAIN-SIP's among them, also accept a bare LF as a line end. If this framer accepted
     * only CRLF CRLF as the terminator while the parser accepted LF LF (or the other way round), a peer could
     * craft bytes that the framer and the parser split into different messages: a second request hidden in
     * what the framer counted as one message's headers or body would then be acted on without the checks the
     * first one passed (or route into another call's transaction). Rejecting bare CR and bare LF here leaves
     * exactly one way to read where the headers end.
     */
    private int scanHeaderSection(ByteBuf in, List<Object> out) {
        int start = in.readerIndex();
        int readable = in.readableBytes();
        int limit = Math.min(readable, maxMessageBytes);
        for (int i = headerBytesScanned; i < limit; i++) {
            byte b = in.getByte(start + i);
            if (b == CR) {
                if (i + 1 >= readable) {
                    headerBytesScanned = i; // re-check this CR once its successor arrives
                    return NEED_MORE;
                }
                if (in.getByte(start + i + 1) != LF) {
                    return failScan(in, out, "bare CR in header section at byte " + i);
                }
            } else if (b == LF) {
                if (i == 0 || in.getByte(start + i - 1) != CR) {
                    return failScan(in, out, "bare LF in header section at byte " + i);
                }
                if (i >= 3 && in.getByte(start + i - 2) == LF) {
                    // bytes i-3..i are CR LF CR LF: the empty line that ends the headers
                    return i + 1;
                }
            }
        }
        if (limit == maxMessageBytes) {
            return failScan(in, out, "header section does not end within " + maxMessageBytes + " bytes");
        }
        headerBytesScanned = limit;
        return NEED_MORE;
    }

    private int failScan(ByteBuf in, List<Object> out, String reason) {
        fail(in, out, reason);
        return FAILED;
    }

    // ---- Content-Length -----------------------------------------------------------------------------------

    /**
     * The body length from {@code Content-Length}/{@code l} in the header section of {@code headerLength}
     * bytes at the reader index, or -1 after reporting a framing error. Header names are case-insensitive,
     * whitespace may surround the colon and the value, and a value may be folded onto continuation lines
     * (lines starting with SP or HTAB, RFC 3261 §7.3.1) since the parser will unfold it the same way.
     */
    private int contentLength(ByteBuf in, int headerLength, List<Object> out) {
        int start = in.readerIndex();
        int end = start + headerLength - 2; // the final empty line's CRLF is not a header line
        int lineStart = indexOfCrlf(in, start, end) + 2; // skip the start line
        String found = null;
        long value = -1;
        StringBuilder current = null; // value of the Content-Length header being read, if that is the current header
        while (lineStart < end) {
            int lineEnd = indexOfCrlf(in, lineStart, end);
            byte first = in.getByte(lineStart);
            if (first == SP || first == HTAB) {
                if (current != null) {
                    current.append(' ').append(ascii(in, lineStart, lineEnd));
                }
            } else {
                if (current != null) {
                    long parsed = parseContentLength(in, out, current.toString(), found, value);
                    if (parsed < 0) {
                        return -1;
                    }
                    found = current.toString();
                    value = parsed;
                }
                current = isContentLengthHeader(in, lineStart, lineEnd) ? new StringBuilder(
                        ascii(in, in.indexOf(lineStart, lineEnd, (byte) ':') + 1, lineEnd)) : null;
            }
            lineStart = lineEnd + 2;
        }
        if (current != null) {
            long parsed = parseContentLength(in, out, current.toString(), found, value);
            if (parsed < 0) {
                return -1;
            }
            value = parsed;
        }
        if (value < 0) {
            // RFC 3261 §18.3: mandatory on stream transports; without it the message's end is unknown.
            fail(in, out, "missing Content-Length");
            return -1;
        }
        return (int) value;
    }

    /**
     * Parses one Content-Length value; checks it against an earlier one. Returns the value, or -1 after
     * reporting a framing error.
     */
    private long parseContentLength(ByteBuf in, List<Object> out, String raw, String earlierRaw, long earlierValue) {
        String text = trimLws(raw);
        if (text.isEmpty()) {
            fail(in, out, "empty Content-Length");
            return -1;
        }
        if (text.charAt(0) == '-') {
            fail(in, out, "negative Content-Length: " + quote(text));
            return -1;
        }
        long parsed = 0;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                fail(in, out, "non-numeric Content-Length: " + quote(text));
                return -1;
            }
            // Saturate instead of overflowing; anything above the limit is rejected by the caller anyway.
            parsed = Math.min(parsed * 10 + (c - '0'), (long) Integer.MAX_VALUE);
        }
        if (earlierRaw != null && earlierValue != parsed) {
            // Two lengths means two possible framings: exactly what request smuggling needs.
            fail(in, out, "conflicting Content-Length values: " + quote(trimLws(earlierRaw))
                    + " and " + quote(text));
            return -1;
        }
        if (parsed > maxMessageBytes) {
            fail(in, out, "Content-Length " + parsed + " exceeds the limit of " + maxMessageBytes);
            return -1;
        }
        return parsed;
    }

    /** True for a header line named {@code Content-Length} or {@code l}, in any case. */
    private static boolean isContentLengthHeader(ByteBuf in, int lineStart, int lineEnd) {
        int colon = in.indexOf(lineStart, lineEnd, (byte) ':');
        if (colon < 0) {
            return false; // not a header line; the parser will reject it
        }
        int nameEnd = colon;
        while (nameEnd > lineStart && isLws(in.getByte(nameEnd - 1))) {
            nameEnd--; // HCOLON allows whitespace before the colon
        }
        int nameLength = nameEnd - lineStart;
        if (nameLength == 1) {
            return (in.getByte(lineStart) | 0x20) == 'l';
        }
        return nameLength == CONTENT_LENGTH.length && equalsIgnoreAsciiCase(in, lineStart, CONTENT_LENGTH);
    }

    private static boolean equalsIgnoreAsciiCase(ByteBuf in, int at, byte[] lowerCase) {
        for (int i = 0; i < lowerCase.length; i++) {
            byte b = in.getByte(at + i);
            if (b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != lowerCase[i]) {
                return false;
            }
        }
        return true;
    }

    private static int indexOfCrlf(ByteBuf in, int from, int to) {
        // The scan guaranteed every CR in the header section is followed by LF.
        int cr = in.indexOf(from, to, CR);
        return cr < 0 ? to : cr;
    }

    private static String ascii(ByteBuf in, int from, int to) {
        return in.toString(from, to - from, StandardCharsets.ISO_8859_1);
    }

    private static boolean isLws(byte b) {
        return b == SP || b == HTAB;
    }

    private static String trimLws(String s) {
        int from = 0;
        int to = s.length();
        while (from < to && (s.charAt(from) == ' ' || s.charAt(from) == '\t')) {
            from++;
        }
        while (to > from && (s.charAt(to - 1) == ' ' || s.charAt(to - 1) == '\t')) {
            to--;
        }
        return s.substring(from, to);
    }

    /** Printable ASCII only and short: framing errors end up in logs, and their input is the peer's. */
    private static String quote(String value) {
        StringBuilder quoted = new StringBuilder(Math.min(value.length(), MAX_QUOTED) + 5).append('"');
        for (int i = 0; i < value.length() && i < MAX_QUOTED; i++) {
            char c = value.charAt(i);
            quoted.append(c >= 0x20 && c < 0x7f ? c : '?');
        }
        if (value.length() > MAX_QUOTED) {
            quoted.append("...");
        }
        return quoted.append('"').toString();
    }

    // ---- failure ------------------------------------------------------------------------------------------

    private void fail(ByteBuf in, List<Object> out, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        out.add(new StreamFramingError(reason));
    }
}
