package io.sipfront.core.sip;

import java.nio.charset.StandardCharsets;

/**
 * The header fields that must parse: a message in which one of them is broken is refused,
 * never forwarded with the broken part. Every other header is {@link #OTHER}: forwarded as
 * received, even when JAIN-SIP cannot parse it.
 *
 * <p>Beyond the mandatory ones (RFC 3261 §8.1.1) and Content-Length, the list holds what a
 * kept-unparsed header would break:
 * <ul>
 *   <li>Route and Record-Route: the proxy routes on Route (RFC 3261 §16.4) and inserts
 *       Record-Route, and JAIN-SIP cannot add a typed header next to an unparsed one of the
 *       same name;</li>
 *   <li>the headers {@code SIPMessage} reads through casting getters ({@code getContentTypeHeader},
 *       {@code getContactHeaders}, {@code getExpires}, {@code getAuthorization},
 *       {@code getErrorInfoHeaders}, {@code getContentDisposition/Encoding/Language}): an
 *       unparsed one makes those throw ClassCastException, and for Content-Type even
 *       {@code encodeAsBytes} does (it reads the charset).</li>
 * </ul>
 */
enum HeaderName {
    VIA("Via", 'v'),
    FROM("From", 'f'),
    TO("To", 't'),
    CALL_ID("Call-ID", 'i'),
    CSEQ("CSeq", '\0'),
    MAX_FORWARDS("Max-Forwards", '\0'),
    CONTENT_LENGTH("Content-Length", 'l'),
    ROUTE("Route", '\0'),
    RECORD_ROUTE("Record-Route", '\0'),
    CONTENT_TYPE("Content-Type", 'c'),
    CONTACT("Contact", 'm'),
    EXPIRES("Expires", '\0'),
    AUTHORIZATION("Authorization", '\0'),
    ERROR_INFO("Error-Info", '\0'),
    CONTENT_DISPOSITION("Content-Disposition", '\0'),
    CONTENT_ENCODING("Content-Encoding", 'e'),
    CONTENT_LANGUAGE("Content-Language", '\0'),
    OTHER("", '\0');

    private static final HeaderName[] NAMED = {VIA, FROM, TO, CALL_ID, CSEQ, MAX_FORWARDS, CONTENT_LENGTH, ROUTE,
        RECORD_ROUTE, CONTENT_TYPE, CONTACT, EXPIRES, AUTHORIZATION, ERROR_INFO, CONTENT_DISPOSITION, CONTENT_ENCODING,
        CONTENT_LANGUAGE};

    /** Long names of the compact forms (RFC 3261 §7.3.3 and the IANA SIP header registry), indexed by letter. */
    private static final String[] COMPACT_FORMS = new String[26];

    static {
        String[] pairs = {
            "a", "Accept-Contact", "b", "Referred-By", "c", "Content-Type", "d", "Request-Disposition",
            "e", "Content-Encoding", "f", "From", "i", "Call-ID", "j", "Reject-Contact", "k", "Supported",
            "l", "Content-Length", "m", "Contact", "n", "Identity-Info", "o", "Event", "r", "Refer-To",
            "s", "Subject", "t", "To", "u", "Allow-Events", "v", "Via", "x", "Session-Expires", "y", "Identity",
        };
        for (int i = 0; i < pairs.length; i += 2) {
            COMPACT_FORMS[pairs[i].charAt(0) - 'a'] = pairs[i + 1];
        }
    }

    /** The name as RFC 3261 spells it, used in reason phrases ({@code Bad CSeq}). */
    final String canonical;
    private final byte[] lowerCase;
    private final char compact;

    HeaderName(String canonical, char compact) {
        this.canonical = canonical;
        this.lowerCase = canonical.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII);
        this.compact = compact;
    }

    /** Classifies the header name in {@code bytes[from, to)} (no allocation: called for every header line). */
    static HeaderName of(byte[] bytes, int from, int to) {
        int length = to - from;
        if (length == 1) {
            char c = (char) (bytes[from] | 0x20);
            for (HeaderName name : NAMED) {
                if (name.compact == c) {
                    return name;
                }
            }
            return OTHER;
        }
        for (HeaderName name : NAMED) {
            if (name.lowerCase.length == length && equalsIgnoreCase(name.lowerCase, bytes, from)) {
                return name;
            }
        }
        return OTHER;
    }

    static HeaderName of(String name) {
        byte[] bytes = name.getBytes(StandardCharsets.ISO_8859_1);
        return of(bytes, 0, bytes.length);
    }

    /** The long form of a compact header name ({@code m} → {@code Contact}); other names unchanged. */
    static String expandCompact(String name) {
        if (name.length() == 1) {
            int index = (name.charAt(0) | 0x20) - 'a';
            if (index >= 0 && index < COMPACT_FORMS.length && COMPACT_FORMS[index] != null) {
                return COMPACT_FORMS[index];
            }
        }
        return name;
    }

    private static boolean equalsIgnoreCase(byte[] lower, byte[] bytes, int from) {
        for (int i = 0; i < lower.length; i++) {
            int b = bytes[from + i];
            if (b >= 'A' && b <= 'Z') {
                b |= 0x20;
            }
            if (b != lower[i]) {
                return false;
            }
        }
        return true;
    }
}
