package io.sipfront.core.transaction;

import java.nio.charset.StandardCharsets;

/**
 * The fields of a forwarded request that an ACK for a non-2xx response and a CANCEL must repeat
 * (RFC 3261 §17.1.1.3 and §9.1), captured as encoded header lines when the request was sent. Captured rather than
 * read back from the request object because that object is reused for the next failover attempt.
 *
 * @param requestUri  as sent
 * @param viaLine     our Via (the one with this transaction's branch), {@code "Via: ...\r\n"}
 * @param fromLine    {@code "From: ...\r\n"}
 * @param toLine      {@code "To: ...\r\n"} as sent (no tag on an initial request)
 * @param callIdLine  {@code "Call-ID: ...\r\n"}
 * @param cseq        the CSeq number
 * @param routeLines  every Route line as sent, possibly empty
 */
public record SentRequest(String requestUri, String viaLine, String fromLine, String toLine, String callIdLine,
                          long cseq, String routeLines) {

    /** The hop-by-hop ACK for a non-2xx final response whose To header is {@code responseToLine}. */
    public byte[] ack(String responseToLine) {
        return build("ACK", responseToLine);
    }

    /** The CANCEL for this (INVITE) request. */
    public byte[] cancel() {
        return build("CANCEL", toLine);
    }

    private byte[] build(String method, String to) {
        StringBuilder b = new StringBuilder(512);
        b.append(method).append(' ').append(requestUri).append(" SIP/2.0\r\n")
                .append(viaLine)
                .append("Max-Forwards: 70\r\n")
                .append(fromLine)
                .append(to)
                .append(callIdLine)
                .append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n")
                .append(routeLines)
                .append("Content-Length: 0\r\n\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
