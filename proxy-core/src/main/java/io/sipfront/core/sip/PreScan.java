package io.sipfront.core.sip;

/**
 * What the edge checks in a message's raw bytes before it is parsed: whether it is a request and its User-Agent.
 * One {@link MessageScan} pass, no JAIN-SIP: a fraction of a parse, for traffic that is about to be dropped.
 */
public final class PreScan {
    private final MessageScan scan;

    private PreScan(MessageScan scan) {
        this.scan = scan;
    }

    /** @param maxHeaders the scan stops counting past this many header fields, as the parser does */
    public static PreScan of(byte[] bytes, int maxHeaders) {
        return new PreScan(MessageScan.scan(bytes, maxHeaders));
    }

    /** True when the bytes start with a request line (anything but a status line or garbage). */
    public boolean isRequest() {
        return scan.hasStartLine() && !scan.isResponse();
    }

    /** The User-Agent field's value, or null. */
    public String userAgent() {
        return scan.value("user-agent");
    }

    /** Whether the message is a response, from its first bytes alone: no scan at all. */
    public static boolean looksLikeResponse(byte[] bytes) {
        int i = 0;
        while (i < bytes.length && (bytes[i] == '\r' || bytes[i] == '\n')) {
            i++;
        }
        return bytes.length - i >= 4 && (bytes[i] | 0x20) == 's' && (bytes[i + 1] | 0x20) == 'i'
                && (bytes[i + 2] | 0x20) == 'p' && bytes[i + 3] == '/';
    }
}
