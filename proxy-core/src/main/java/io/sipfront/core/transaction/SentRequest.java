package io.sipfront.core.transaction;

import gov.nist.javax.sip.header.SIPHeader;
import java.nio.charset.StandardCharsets;

/**
 * The parts of a forwarded INVITE that an ACK for a non-2xx response and a CANCEL must repeat (RFC 3261 §17.1.1.3
 * and §9.1): Request-URI, our Via, From, To, Call-ID, CSeq number and Route, as sent on one attempt.
 *
 * <p>Holds the header objects themselves and encodes them only when an ACK or CANCEL is actually needed (most calls
 * need neither). That is safe because none of these objects is modified after sending: a failover attempt sets a
 * new Request-URI object and a new Via rather than changing the old ones.
 *
 * @param routes the Route headers as sent, or null
 */
public record SentRequest(Object requestUri, SIPHeader via, SIPHeader from, SIPHeader to, SIPHeader callId, long cseq,
                          SIPHeader routes) {

    /** The hop-by-hop ACK for a non-2xx final response whose To header is {@code responseToLine}. */
    public byte[] ack(String responseToLine) {
        return build("ACK", responseToLine);
    }

    /** The CANCEL for this (INVITE) request. */
    public byte[] cancel() {
        return build("CANCEL", to.encode());
    }

    private byte[] build(String method, String toLine) {
        StringBuilder b = new StringBuilder(512);
        b.append(method).append(' ').append(requestUri).append(" SIP/2.0\r\n")
                .append(via.encode())
                .append("Max-Forwards: 70\r\n")
                .append(from.encode())
                .append(toLine)
                .append(callId.encode())
                .append("CSeq: ").append(cseq).append(' ').append(method).append("\r\n");
        if (routes != null) {
            b.append(routes.encode());
        }
        b.append("Content-Length: 0\r\n\r\n");
        return b.toString().getBytes(StandardCharsets.UTF_8);
    }
}
