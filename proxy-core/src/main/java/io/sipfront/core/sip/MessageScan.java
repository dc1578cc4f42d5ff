package io.sipfront.core.sip;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One pass over the raw bytes of a message, before JAIN-SIP sees them: where the start line,
 * the header fields and the body are; the raw Via, From, To, Call-ID and CSeq fields (to
 * answer a request that will not parse); Content-Length; and the first framing problem.
 *
 * <p>It is stricter than JAIN-SIP's own line splitting, which treats a bare CR as a line end,
 * takes a line of blanks or control characters for the end of the headers, and glues folded
 * lines together without a space. Input on which the two could disagree (bare CR,
 * whitespace-only or nameless header lines) is refused here; lines ending in a bare LF are
 * accepted, as RFC 3261 §7.5 permits.
 */
final class MessageScan {

    /** {@link #contentLength()} when the message has no Content-Length header. */
    static final long ABSENT = -1;

    /**
     * Most ',' and ';' in the header section. JAIN-SIP parses address lists and URI parameters
     * in time quadratic in their number, within a field and across repeated fields of one name
     * (64 KB of Record-Route took 26 ms to parse, one 56 KB Record-Route field 125 ms); a heavy
     * carrier INVITE has a few hundred.
     */
    static final int MAX_SEPARATORS = 1024;

    private static final HeaderName[] MANDATORY = {HeaderName.CALL_ID, HeaderName.FROM, HeaderName.TO, HeaderName.CSEQ,
        HeaderName.VIA};

    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[Character.toUpperCase(c)] = true;
        }
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c : "-.!%*_+`'~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private final byte[] bytes;
    private int startLineFrom = -1;
    private int startLineTo;
    private String startLine;
    private boolean response;
    private int headersEnd;
    private boolean terminated;
    private boolean folded;
    private int headerCount;
    private int separators;
    private long contentLength = ABSENT;
    private Failure failure;

    /** Count and first [from, to) range of each named header; Via keeps every range. */
    private final int[] counts = new int[HeaderName.values().length];
    private final int[] firstRanges = new int[HeaderName.values().length * 2];
    private int[] viaRanges = new int[4];

    private MessageScan(byte[] bytes) {
        this.bytes = bytes;
    }

    static MessageScan scan(byte[] bytes, int maxHeaders) {
        MessageScan scan = new MessageScan(bytes);
        scan.run(maxHeaders);
        return scan;
    }

    private void run(int maxHeaders) {
        int n = bytes.length;
        int p = 0;
        // RFC 3261 §7.5: ignore CRLFs before the start line (keep-alives, stray line ends).
        while (p < n && (bytes[p] == '\r' || bytes[p] == '\n')) {
            p++;
        }
        if (p == n || bytes[p] <= ' ' || bytes[p] >= 0x7f) {
            headersEnd = n;
            return; // no start line: nothing to answer
        }
        startLineFrom = p;
        startLineTo = contentEnd(p);
        response = startsWithIgnoreCase(p, "SIP/");
        p = nextLine(startLineTo);

        int fieldFrom = -1;
        int fieldTo = -1;
        int nameTo = -1;
        while (true) {
            if (p >= n) {
                finishField(fieldFrom, nameTo, fieldTo);
                headersEnd = n;
                return;
            }
            int end = contentEnd(p);
            if (end == p) { // the empty line
                finishField(fieldFrom, nameTo, fieldTo);
                terminated = true;
                headersEnd = nextLine(end);
                return;
            }
            if (bytes[p] == ' ' || bytes[p] == '\t') {
                if (fieldFrom < 0 || isBlank(p, end)) {
                    fail(Failure.BAD_HEADER_LINE);
                } else {
                    folded = true;
                    fieldTo = end;
                }
            } else {
                finishField(fieldFrom, nameTo, fieldTo);
                fieldFrom = p;
                fieldTo = end;
                nameTo = nameEnd(p, end);
                if (nameTo < 0) {
                    fail(Failure.BAD_HEADER_LINE);
                }
                if (++headerCount > maxHeaders) {
                    fail(Failure.TOO_MANY_HEADERS);
                }
            }
            p = nextLine(end);
        }
    }

    /**
     * Index of the CR of a CRLF, of a bare LF, or of the end of input. Flags a bare CR, and a
     * control character other than HTAB that is not escaped by a backslash (the only place
     * RFC 3261 admits one is a quoted-pair, as in RFC 4475 intmeth); JAIN-SIP would read it as
     * whitespace or the end of the line.
     */
    private int contentEnd(int from) {
        for (int i = from; i < bytes.length; i++) {
            byte b = bytes[i];
            if (b == '\n') {
                return i;
            }
            if (b == '\r') {
                if (i + 1 < bytes.length && bytes[i + 1] == '\n') {
                    return i;
                }
                fail(Failure.BAD_LINE_ENDING);
            } else if ((b < ' ' && b != '\t' && b >= 0) || b == 0x7f) {
                if (i == from || bytes[i - 1] != '\\') {
                    fail(from == startLineFrom ? Failure.BAD_REQUEST_LINE : Failure.BAD_HEADER_LINE);
                }
            }
        }
        return bytes.length;
    }

    private int nextLine(int contentEnd) {
        if (contentEnd < bytes.length && bytes[contentEnd] == '\r') {
            contentEnd++;
        }
        return Math.min(contentEnd + 1, bytes.length);
    }

    /** End of a token header name followed by optional blanks and ':', or -1. */
    private int nameEnd(int from, int to) {
        int i = from;
        while (i < to && isToken(bytes[i])) {
            i++;
        }
        int nameTo = i;
        while (i < to && (bytes[i] == ' ' || bytes[i] == '\t')) {
            i++;
        }
        return nameTo > from && i < to && bytes[i] == ':' ? nameTo : -1;
    }

    private void finishField(int from, int nameTo, int to) {
        if (from < 0 || nameTo < 0) {
            return;
        }
        separators += separators(nameTo, to);
        if (separators > MAX_SEPARATORS) {
            fail(Failure.TOO_MANY_PARAMETERS);
        }
        HeaderName name = HeaderName.of(bytes, from, nameTo);
        int count = ++counts[name.ordinal()];
        if (count == 1) {
            firstRanges[2 * name.ordinal()] = from;
            firstRanges[2 * name.ordinal() + 1] = to;
        }
        if (name == HeaderName.VIA) {
            int k = 2 * (count - 1);
            if (k + 1 >= viaRanges.length) {
                viaRanges = Arrays.copyOf(viaRanges, viaRanges.length * 2);
            }
            viaRanges[k] = from;
            viaRanges[k + 1] = to;
        } else if (name == HeaderName.CONTENT_LENGTH) {
            long value = parseContentLength(nameTo, to);
            if (value < 0) {
                fail(Failure.bad(name.canonical));
            } else if (count > 1 && value != contentLength) {
                fail(Failure.duplicate(name.canonical));
            }
            contentLength = value;
        }
    }

    private int separators(int from, int to) {
        int n = 0;
        for (int i = from; i < to; i++) {
            if (bytes[i] == ',' || bytes[i] == ';') {
                n++;
            }
        }
        return n;
    }

    /** The digits after the colon (blanks and folds allowed around them), or -1. */
    private long parseContentLength(int nameTo, int to) {
        int i = nameTo;
        while (bytes[i] != ':') {
            i++;
        }
        i = skipLws(i + 1, to);
        long value = 0;
        int digits = 0;
        while (i < to && bytes[i] >= '0' && bytes[i] <= '9') {
            value = value * 10 + (bytes[i] - '0');
            if (++digits > 10) {
                return -1;
            }
            i++;
        }
        return digits > 0 && skipLws(i, to) == to && value <= Integer.MAX_VALUE ? value : -1;
    }

    private int skipLws(int i, int to) {
        while (i < to && (bytes[i] == ' ' || bytes[i] == '\t' || bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return i;
    }

    private boolean isBlank(int from, int to) {
        for (int i = from; i < to; i++) {
            if (bytes[i] != ' ' && bytes[i] != '\t') {
                return false;
            }
        }
        return true;
    }

    private static boolean isToken(byte b) {
        return b > 0 && TOKEN[b];
    }

    private boolean startsWithIgnoreCase(int from, String prefix) {
        if (bytes.length - from < prefix.length()) {
            return false;
        }
        for (int i = 0; i < prefix.length(); i++) {
            if (Character.toUpperCase((char) (bytes[from + i] & 0xff)) != prefix.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private void fail(Failure f) {
        if (failure == null) {
            failure = f;
        }
    }

    // ---- results ----

    /** False when the bytes hold no start line at all (empty, only line ends, or garbage first byte). */
    boolean hasStartLine() {
        return startLineFrom >= 0;
    }

    /** The start line without its line end, byte-per-char (ISO-8859-1) so no byte is lost. */
    String startLine() {
        if (startLine == null) {
            startLine = new String(bytes, startLineFrom, startLineTo - startLineFrom, StandardCharsets.ISO_8859_1);
        }
        return startLine;
    }

    boolean isResponse() {
        return response;
    }

    /**
     * The first framing problem: a bad line end or header line, too many headers or
     * separators, a bad or repeated Content-Length.
     */
    Failure failure() {
        return failure;
    }

    /** The first mandatory header missing: Call-ID, From, To, CSeq, Via, in that order; or null. */
    Failure missingHeader() {
        for (HeaderName name : MANDATORY) {
            if (counts[name.ordinal()] == 0) {
                return Failure.missing(name.canonical);
            }
        }
        return null;
    }

    int count(HeaderName name) {
        return counts[name.ordinal()];
    }

    /** The first field of that name, folds included, without its line end; null when absent. */
    int[] firstRange(HeaderName name) {
        return counts[name.ordinal()] == 0 ? null
                : new int[] {firstRanges[2 * name.ordinal()], firstRanges[2 * name.ordinal() + 1]};
    }

    /** Every Via field as {from, to} pairs, in order. */
    int[] viaRanges() {
        return Arrays.copyOf(viaRanges, 2 * counts[HeaderName.VIA.ordinal()]);
    }

    /**
     * The value of the first header field called {@code lowerCaseName} (any field, not only a {@link HeaderName}),
     * blanks trimmed and folds left out, or null when absent. A second walk over the header lines: for the
     * few fields the edge pre-scan reads.
     */
    String value(String lowerCaseName) {
        if (!hasStartLine()) {
            return null;
        }
        int n = lowerCaseName.length();
        for (int p = nextLine(startLineTo); p < headersEnd; ) {
            int end = p;
            while (end < headersEnd && bytes[end] != '\n' && bytes[end] != '\r') {
                end++;
            }
            if (end - p > n && matchesName(p, lowerCaseName)) {
                int i = p + n;
                while (i < end && (bytes[i] == ' ' || bytes[i] == '\t')) {
                    i++;
                }
                if (i < end && bytes[i] == ':') {
                    return new String(bytes, i + 1, end - i - 1, StandardCharsets.ISO_8859_1).strip();
                }
            }
            p = nextLine(end);
        }
        return null;
    }

    private boolean matchesName(int from, String lowerCaseName) {
        for (int i = 0; i < lowerCaseName.length(); i++) {
            int b = bytes[from + i];
            if (b >= 'A' && b <= 'Z') {
                b |= 0x20;
            }
            if (b != lowerCaseName.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    byte[] bytes() {
        return bytes;
    }

    /** Content-Length as sent, or {@link #ABSENT}. */
    long contentLength() {
        return contentLength;
    }

    /** Offset of the first body byte (the end of input when the headers are not terminated). */
    int headersEnd() {
        return headersEnd;
    }

    /**
     * The bytes to give JAIN-SIP (which reads only up to the empty line). The input itself
     * when it can be used as is; otherwise a copy of the header section with each fold's line
     * end blanked (JAIN-SIP would glue the lines without a space) and, when the input ends
     * without an empty line (a UDP datagram may), one appended: JAIN-SIP drops the last
     * header of an unterminated section.
     */
    byte[] headerSectionForJainSip() {
        if (!folded && terminated) {
            return bytes;
        }
        byte[] copy = Arrays.copyOf(bytes, headersEnd + (terminated ? 0 : 4));
        if (folded) {
            for (int i = startLineTo; i + 1 < headersEnd; i++) {
                if (copy[i] == '\n' && (copy[i + 1] == ' ' || copy[i + 1] == '\t')) {
                    copy[i] = ' ';
                    if (copy[i - 1] == '\r') {
                        copy[i - 1] = ' ';
                    }
                }
            }
        }
        if (!terminated) {
            copy[headersEnd] = '\r';
            copy[headersEnd + 1] = '\n';
            copy[headersEnd + 2] = '\r';
            copy[headersEnd + 3] = '\n';
        }
        return copy;
    }
}
