package io.sipfront.core.capture;

import java.nio.charset.StandardCharsets;

/** Finds the Call-ID of a SIP message in its bytes, without parsing it (the capture thread's correlation id). */
final class CallIds {
    private CallIds() {
    }

    /** The value of the first {@code Call-ID:} (or compact {@code i:}) header, or null. */
    static String find(byte[] m) {
        int i = lineEnd(m, 0);
        while (i < m.length) {
            int start = i;
            int end = lineEnd(m, start);
            if (end - start <= 2) {
                return null; // the empty line: end of headers
            }
            int valueAt = valueOf(m, start, end, "call-id");
            if (valueAt < 0) {
                valueAt = valueOf(m, start, end, "i");
            }
            if (valueAt >= 0) {
                return new String(m, valueAt, trimmedEnd(m, valueAt, end) - valueAt, StandardCharsets.UTF_8).strip();
            }
            i = end;
        }
        return null;
    }

    /** Index just past the LF ending the line that starts at {@code from}. */
    private static int lineEnd(byte[] m, int from) {
        for (int i = from; i < m.length; i++) {
            if (m[i] == '\n') {
                return i + 1;
            }
        }
        return m.length;
    }

    /** Where the value starts when the line is header {@code name} (case-insensitive), else -1. */
    private static int valueOf(byte[] m, int start, int end, String name) {
        int n = name.length();
        if (end - start <= n) {
            return -1;
        }
        for (int k = 0; k < n; k++) {
            if (Character.toLowerCase((char) m[start + k]) != name.charAt(k)) {
                return -1;
            }
        }
        int i = start + n;
        while (i < end && (m[i] == ' ' || m[i] == '\t')) {
            i++;
        }
        return i < end && m[i] == ':' ? i + 1 : -1;
    }

    private static int trimmedEnd(byte[] m, int from, int end) {
        int e = end;
        while (e > from && (m[e - 1] == '\n' || m[e - 1] == '\r')) {
            e--;
        }
        return e;
    }
}
