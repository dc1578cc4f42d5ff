package io.sipfront.core.sip;

/**
 * Checks on the raw start line that JAIN-SIP does not make: it reads any {@code SIP/x.y} as
 * {@code SIP/2.0}, takes a 10-digit status code, and silently adds the missing brackets to an
 * IPv6 host in a SIP URI ({@code sip:2001:db8::10}).
 */
final class StartLine {

    private static final String VERSION = "SIP/2.0";

    private StartLine() {
    }

    /**
     * The method: the start line up to its first space. Cheap enough to call on the error path
     * (an ACK is never answered).
     */
    static String method(String requestLine) {
        int sp = requestLine.indexOf(' ');
        return sp < 0 ? requestLine : requestLine.substring(0, sp);
    }

    /**
     * {@code Method SP Request-URI SP SIP/2.0}. Runs of spaces between the elements and after
     * them are tolerated (RFC 4475 lwsstart, trws): the meaning is unambiguous and the line is
     * re-encoded with single spaces when forwarded.
     */
    static Failure checkRequestLine(String line) {
        int end = line.length();
        while (end > 0 && line.charAt(end - 1) == ' ') {
            end--;
        }
        int methodEnd = line.indexOf(' ');
        if (methodEnd <= 0 || methodEnd >= end) {
            return Failure.BAD_REQUEST_LINE;
        }
        int uriFrom = skipSpaces(line, methodEnd);
        int uriEnd = line.indexOf(' ', uriFrom);
        if (uriEnd < 0 || uriEnd >= end) {
            return Failure.BAD_REQUEST_LINE;
        }
        int versionFrom = skipSpaces(line, uriEnd);
        int extra = line.indexOf(' ', versionFrom);
        if (extra >= 0 && extra < end) {
            return Failure.BAD_REQUEST_LINE; // a fourth element: LWS inside the Request-URI (lwsruri)
        }
        String version = line.substring(versionFrom, end);
        if (!version.equalsIgnoreCase(VERSION)) {
            return isSipVersion(version) ? Failure.VERSION_NOT_SUPPORTED : Failure.BAD_REQUEST_LINE;
        }
        return hasWellFormedHostPort(line.substring(uriFrom, uriEnd)) ? null : Failure.BAD_REQUEST_URI;
    }

    private static int skipSpaces(String s, int i) {
        while (i < s.length() && s.charAt(i) == ' ') {
            i++;
        }
        return i;
    }

    /**
     * {@code SIP/2.0 SP 3DIGIT SP Reason-Phrase} with a code in 100..699 (an empty reason
     * phrase is allowed, RFC 4475 noreason). Returns a reason to drop the response, or null.
     */
    static String checkStatusLine(String line) {
        if (line.length() < VERSION.length() + 4 || !line.regionMatches(true, 0, VERSION, 0, VERSION.length())
                || line.charAt(VERSION.length()) != ' ') {
            return "bad status line version";
        }
        int at = VERSION.length() + 1;
        int code = 0;
        for (int i = at; i < at + 3; i++) {
            char c = line.charAt(i);
            if (c < '0' || c > '9') {
                return "bad status code";
            }
            code = code * 10 + (c - '0');
        }
        if (line.length() > at + 3 && line.charAt(at + 3) != ' ') {
            return "bad status code";
        }
        return code >= 100 && code <= 699 ? null : "status code out of range";
    }

    private static boolean isSipVersion(String version) {
        if (version.length() < 7 || !version.regionMatches(true, 0, "SIP/", 0, 4)) {
            return false;
        }
        int dot = version.indexOf('.', 4);
        return dot > 4 && dot < version.length() - 1 && allDigits(version, 4, dot)
                && allDigits(version, dot + 1, version.length());
    }

    private static boolean allDigits(String s, int from, int to) {
        for (int i = from; i < to; i++) {
            if (s.charAt(i) < '0' || s.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * For sip: and sips: URIs, the host is a bracketed IPv6 reference or has no colon, and a
     * port is digits only (RFC 3261 §25.1, RFC 5118 §4.2). Other schemes are left to the
     * proxy (RFC 4475 unkscm, novelsc). The userinfo cannot contain an unescaped '@', so the
     * host starts after the first one.
     */
    static boolean hasWellFormedHostPort(String uri) {
        int colon = uri.indexOf(':');
        if (colon < 0) {
            return true; // not a URI JAIN-SIP accepts either; its parse reports it
        }
        String scheme = uri.substring(0, colon);
        if (!scheme.equalsIgnoreCase("sip") && !scheme.equalsIgnoreCase("sips")) {
            return true;
        }
        int at = uri.indexOf('@', colon + 1);
        int i = at >= 0 ? at + 1 : colon + 1;
        int n = uri.length();
        if (i >= n) {
            return false;
        }
        if (uri.charAt(i) == '[') {
            int close = uri.indexOf(']', i);
            if (close < 0) {
                return false;
            }
            i = close + 1;
        } else {
            int hostFrom = i;
            while (i < n && ":;?".indexOf(uri.charAt(i)) < 0) {
                i++;
            }
            if (i == hostFrom) {
                return false;
            }
        }
        if (i < n && uri.charAt(i) == ':') {
            int portFrom = ++i;
            while (i < n && uri.charAt(i) >= '0' && uri.charAt(i) <= '9') {
                i++;
            }
            if (i == portFrom) {
                return false;
            }
        }
        return i == n || uri.charAt(i) == ';' || uri.charAt(i) == '?';
    }
}
