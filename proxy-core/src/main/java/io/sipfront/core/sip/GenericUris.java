package io.sipfront.core.sip;

import gov.nist.javax.sip.address.GenericURI;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.SIPHeaderList;

import javax.sip.address.Address;
import javax.sip.address.URI;
import javax.sip.header.AlertInfoHeader;
import javax.sip.header.CallInfoHeader;
import javax.sip.header.ErrorInfoHeader;
import javax.sip.header.HeaderAddress;
import java.util.List;

/**
 * Detects JAIN-SIP damaging URIs of schemes other than sip, sips and tel. Its
 * {@code URLParser.uric} copies a %-escape with {@code LexerCore.charAsString(3)}, which returns
 * two characters: {@code urn:a%20b} is parsed as {@code urn:a%2b}. Such a URI is kept only if its
 * text appears unchanged, and whole (not as the start of a longer URI), in what was received.
 * Only text holding a '%' is checked.
 */
final class GenericUris {

    private GenericUris() {
    }

    /** Whether every generic URI of the parsed header appears verbatim in its raw text. */
    static boolean intact(SIPHeader header, String rawText) {
        if (rawText.indexOf('%') < 0) {
            return true;
        }
        for (Object element : header instanceof SIPHeaderList<?> list ? list : List.of(header)) {
            if (!intact(uriOf(element), rawText)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the URI, if generic, appears verbatim and whole in the raw text. */
    static boolean intact(URI uri, String rawText) {
        if (uri == null || uri.getClass() != GenericURI.class || rawText.indexOf('%') < 0) {
            return true;
        }
        String text = uri.toString();
        for (int at = rawText.indexOf(text); at >= 0; at = rawText.indexOf(text, at + 1)) {
            int end = at + text.length();
            if (end == rawText.length() || !isUriChar(rawText.charAt(end))) {
                return true;
            }
        }
        return false;
    }

    /** RFC 3986 unreserved, reserved and '%'. */
    private static boolean isUriChar(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || "-._~:/?#[]@!$&'()*+,;=%".indexOf(c) >= 0;
    }

    private static URI uriOf(Object header) {
        if (header instanceof HeaderAddress addressed) {
            Address address = addressed.getAddress();
            return address == null ? null : address.getURI();
        }
        if (header instanceof CallInfoHeader info) {
            return info.getInfo();
        }
        if (header instanceof AlertInfoHeader info) {
            return info.getAlertInfo();
        }
        if (header instanceof ErrorInfoHeader info) {
            return info.getErrorInfo();
        }
        return null;
    }
}
