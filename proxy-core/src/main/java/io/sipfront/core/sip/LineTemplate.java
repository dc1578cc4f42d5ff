package io.sipfront.core.sip;

import gov.nist.javax.sip.header.CSeq;
import gov.nist.javax.sip.header.CallID;
import gov.nist.javax.sip.header.ContentLength;
import gov.nist.javax.sip.header.From;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.header.ViaList;
import java.text.ParseException;
import java.util.Arrays;
import javax.sip.InvalidArgumentException;

/**
 * A header line split into the value that changes from call to call and the rest, which repeats: the branch of a
 * Via, the tag of a From or To, the whole Call-ID, the number of a CSeq or a Content-Length. Two lines with the same
 * {@link #key} differ only in that value, so the header one of them parsed to, with the value set to the other's,
 * is what the other parses to. {@link ParsedLineCache} keeps such headers by key, and the lines that are new in
 * every call (on a busy node, most misses of the exact-line cache) are copied instead of parsed.
 *
 * <p>That holds because a value is only taken when it cannot change how JAIN-SIP reads the rest of the line: a
 * bare token of {@link #TOKEN_CHARS} (digits for numbers, visible characters without spaces for a Call-ID, which
 * JAIN-SIP takes as the rest of the line), found exactly once in a line that holds one header value (no comma), or
 * once per value of a Via line. A header is kept for a key only when the full parse of its line read exactly those
 * values in those places ({@link #describes}); a line whose value is not such a token has no template and is parsed
 * in full.
 *
 * @param key    the line with the values cut out (each replaced by a NUL)
 * @param values the per-call values, as they appear in the line: one, or one branch per Via of a line that holds
 *               several (a response carries our Via and the caller's, written by most stacks in one line)
 * @param slot   which value of which header it is
 */
record LineTemplate(String key, String[] values, Slot slot) {

    /**
     * The token characters (RFC 3261 §25.1) besides letters and digits that a template accepts in a value. The rest
     * of the token set ({@code %}, {@code `}, {@code '}) is left to the full parse: rare in practice, and not worth
     * reasoning about how each of JAIN-SIP's parsers treats them.
     */
    static final String TOKEN_CHARS = "-.!*_+~";

    /** The part of a header that varies per call, how to find it in a line and how to read and set it. */
    enum Slot {
        VIA_BRANCH(";branch="),
        TAG(";tag="),
        CALL_ID(null),
        CSEQ_NUMBER(null),
        CONTENT_LENGTH(null);

        /** For a parameter: how it starts (lower case, as almost every stack writes it); null for a whole value. */
        final String marker;

        Slot(String marker) {
            this.marker = marker;
        }
    }

    /** The template of {@code line} (a header line without its line end), or null when it has none. */
    static LineTemplate of(String line) {
        int colon = line.indexOf(':');
        if (colon <= 0 || line.length() > ParsedLineCache.MAX_TEXT) {
            return null;
        }
        Slot slot = slotOf(line, colon);
        if (slot == null || (slot != Slot.VIA_BRANCH && line.indexOf(',') >= 0)) {
            return null;
        }
        return slot.marker != null ? parameters(line, slot) : wholeValue(line, colon, slot);
    }

    private static Slot slotOf(String line, int colon) {
        int end = colon;
        while (end > 0 && (line.charAt(end - 1) == ' ' || line.charAt(end - 1) == '\t')) {
            end--;
        }
        return switch (HeaderName.of(line.substring(0, end))) {
            case VIA -> Slot.VIA_BRANCH;
            case FROM, TO -> Slot.TAG;
            case CALL_ID -> Slot.CALL_ID;
            case CSEQ -> Slot.CSEQ_NUMBER;
            case CONTENT_LENGTH -> Slot.CONTENT_LENGTH;
            default -> null;
        };
    }

    /** Every value of the slot's parameter (a Via line: one per Via; a From or To: exactly one). */
    private static LineTemplate parameters(String line, Slot slot) {
        StringBuilder key = new StringBuilder(line.length());
        String[] values = new String[2];
        int count = 0;
        int from = 0;
        for (int at = line.indexOf(slot.marker); at >= 0; at = line.indexOf(slot.marker, at + 1)) {
            int start = at + slot.marker.length();
            int end = start;
            while (end < line.length() && isTokenChar(line.charAt(end))) {
                end++;
            }
            if (end == start || (end < line.length() && ";, \t".indexOf(line.charAt(end)) < 0)) {
                return null;
            }
            if (count == values.length) {
                if (slot != Slot.VIA_BRANCH || count == 8) {
                    return null;
                }
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = line.substring(start, end);
            key.append(line, from, start).append('\0');
            from = end;
        }
        if (count == 0 || (slot == Slot.TAG && count > 1)) {
            return null;
        }
        key.append(line, from, line.length());
        return new LineTemplate(key.toString(), Arrays.copyOf(values, count), slot);
    }

    private static LineTemplate wholeValue(String line, int colon, Slot slot) {
        int start = colon + 1;
        while (start < line.length() && (line.charAt(start) == ' ' || line.charAt(start) == '\t')) {
            start++;
        }
        int end = start;
        if (slot == Slot.CALL_ID) {
            while (end < line.length() && line.charAt(end) > ' ' && line.charAt(end) < 0x7f) {
                end++;
            }
        } else {
            while (end < line.length() && line.charAt(end) >= '0' && line.charAt(end) <= '9') {
                end++;
            }
            // No leading zero (it would not survive encoding) and well within an int.
            if (end - start > 9 || (end - start > 1 && line.charAt(start) == '0')) {
                return null;
            }
        }
        if (end == start) {
            return null;
        }
        boolean restOk = slot == Slot.CSEQ_NUMBER
                ? end < line.length() && line.charAt(end) == ' '
                : line.substring(end).isBlank();
        return restOk ? cut(line, start, end, slot) : null;
    }

    private static LineTemplate cut(String line, int start, int end, Slot slot) {
        return new LineTemplate(line.substring(0, start) + '\0' + line.substring(end),
                new String[] {line.substring(start, end)}, slot);
    }

    static boolean isTokenChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || TOKEN_CHARS.indexOf(c) >= 0;
    }

    /** The value, for a template of one value. */
    String value() {
        return values[0];
    }

    /** Whether {@code parsed}, what this template's line parsed to, holds {@link #values} in this template's slot. */
    boolean describes(SIPHeader parsed) {
        if (slot == Slot.VIA_BRANCH) {
            if (!(parsed instanceof ViaList list) || list.size() != values.length) {
                return false;
            }
            int i = 0;
            for (Via via : list) {
                if (!values[i++].equals(via.getBranch())) {
                    return false;
                }
            }
            return true;
        }
        return values.length == 1 && values[0].equals(read(parsed));
    }

    /** {@code copy}, a copy of what another line of this key parsed to, with this line's values; null if it will not take them. */
    SIPHeader fill(SIPHeader copy) {
        try {
            switch (slot) {
                case VIA_BRANCH -> {
                    ViaList list = (ViaList) copy;
                    if (list.size() != values.length) {
                        return null;
                    }
                    int i = 0;
                    for (Via via : list) {
                        via.setBranch(values[i++]);
                    }
                }
                case TAG -> {
                    if (copy instanceof From from) {
                        from.setTag(value());
                    } else {
                        ((To) copy).setTag(value());
                    }
                }
                case CALL_ID -> ((CallID) copy).setCallId(value());
                case CSEQ_NUMBER -> ((CSeq) copy).setSeqNumber(Long.parseLong(value()));
                case CONTENT_LENGTH -> ((ContentLength) copy).setContentLength(Integer.parseInt(value()));
            }
        } catch (ParseException | InvalidArgumentException | RuntimeException e) {
            return null;
        }
        return describes(copy) ? copy : null;
    }

    private String read(SIPHeader h) {
        return switch (slot) {
            case VIA_BRANCH -> null; // several values: see describes
            case TAG -> h instanceof From from ? from.getTag() : h instanceof To to ? to.getTag() : null;
            case CALL_ID -> h instanceof CallID id ? id.getCallId() : null;
            case CSEQ_NUMBER -> h instanceof CSeq cseq ? Long.toString(cseq.getSeqNumber()) : null;
            case CONTENT_LENGTH -> h instanceof ContentLength length ? Integer.toString(length.getContentLength()) : null;
        };
    }
}
