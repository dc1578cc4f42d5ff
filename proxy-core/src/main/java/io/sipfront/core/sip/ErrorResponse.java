package io.sipfront.core.sip;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * The stateless answer to a request that will not parse (RFC 3261 §8.2.6, §16.3): a status
 * line, then the request's Via, From, To, Call-ID and CSeq fields copied byte for byte from the
 * raw message (the parsed ones may not exist), a To tag added when absent, and
 * {@code Content-Length: 0}.
 */
final class ErrorResponse {

    private static final byte[] CRLF = {'\r', '\n'};

    private ErrorResponse() {
    }

    static byte[] build(MessageScan scan, Failure failure) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(512);
        write(out, "SIP/2.0 " + failure.status() + " " + failure.reason());
        out.writeBytes(CRLF);
        byte[] raw = scan.bytes();
        int[] vias = scan.viaRanges();
        for (int i = 0; i < vias.length; i += 2) {
            copyField(out, raw, vias[i], vias[i + 1]);
        }
        copyField(out, raw, scan.firstRange(HeaderName.FROM));
        int[] to = scan.firstRange(HeaderName.TO);
        if (to != null) {
            copyUnfolded(out, raw, to[0], to[1]);
            if (!hasTag(raw, to[0], to[1])) {
                write(out, ";tag=" + tagFor(scan));
            }
            out.writeBytes(CRLF);
        }
        copyField(out, raw, scan.firstRange(HeaderName.CALL_ID));
        copyField(out, raw, scan.firstRange(HeaderName.CSEQ));
        write(out, "Content-Length: 0\r\n\r\n");
        return out.toByteArray();
    }

    private static void copyField(ByteArrayOutputStream out, byte[] raw, int[] range) {
        if (range != null) {
            copyField(out, raw, range[0], range[1]);
        }
    }

    private static void copyField(ByteArrayOutputStream out, byte[] raw, int from, int to) {
        copyUnfolded(out, raw, from, to);
        out.writeBytes(CRLF);
    }

    /** The field as received, each fold's line end turned into a space (RFC 3261 §7.3.1 allows it). */
    private static void copyUnfolded(ByteArrayOutputStream out, byte[] raw, int from, int to) {
        for (int i = from; i < to; i++) {
            byte b = raw[i];
            out.write(b == '\r' || b == '\n' ? ' ' : b);
        }
    }

    /**
     * Whether the To field has a tag parameter: one after the closing '>' of a name-addr, or
     * after the first ';' of a bare addr-spec (quoted display names cannot fool either).
     */
    static boolean hasTag(byte[] raw, int from, int to) {
        String field = new String(raw, from, to - from, StandardCharsets.ISO_8859_1).toLowerCase(Locale.ROOT);
        int colon = field.indexOf(':');
        int gt = field.lastIndexOf('>');
        int params = gt >= 0 ? gt + 1 : field.indexOf(';', colon + 1);
        if (params < 0) {
            return false;
        }
        for (int semi = field.indexOf(';', params); semi >= 0; semi = field.indexOf(';', semi + 1)) {
            int i = skipBlanks(field, semi + 1);
            if (field.startsWith("tag", i) && skipBlanks(field, i + 3) < field.length()
                    && field.charAt(skipBlanks(field, i + 3)) == '=') {
                return true;
            }
        }
        return false;
    }

    private static int skipBlanks(String s, int i) {
        while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\r' || s.charAt(i) == '\n')) {
            i++;
        }
        return i;
    }

    /**
     * A tag derived from the request (FNV-1a over its Call-ID, From, CSeq and top Via), so a
     * retransmitted request is answered with the same tag (RFC 3261 §8.2.6.2).
     */
    private static String tagFor(MessageScan scan) {
        long hash = 0xcbf29ce484222325L;
        byte[] raw = scan.bytes();
        int[] vias = scan.viaRanges();
        int[][] parts = {scan.firstRange(HeaderName.CALL_ID), scan.firstRange(HeaderName.FROM),
                scan.firstRange(HeaderName.CSEQ), vias.length >= 2 ? new int[] {vias[0], vias[1]} : null};
        for (int[] part : parts) {
            if (part != null) {
                for (int i = part[0]; i < part[1]; i++) {
                    hash = (hash ^ (raw[i] & 0xff)) * 0x100000001b3L;
                }
            }
        }
        return LocalTags.of(hash);
    }

    private static void write(ByteArrayOutputStream out, String ascii) {
        out.writeBytes(ascii.getBytes(StandardCharsets.ISO_8859_1));
    }
}
