package io.sipfront.core.transaction;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import javax.sip.message.Request;

/**
 * RFC 3261 §17.2.3 server transaction matching, with the RFC 2543 fallback of §17.2.3's last paragraph.
 *
 * <p>The Call-ID is part of the key as well: a request of another call is never taken for a retransmission, even
 * when its client reused a branch (RFC 4475's examples all carry {@code z9hG4bKkdjuw}). Kamailio behaves the same
 * (tm looks a transaction up in the bucket of a hash of Call-ID and CSeq, then by branch). Lanes by Call-ID used to
 * give this only by chance, and not at all with one lane.
 */
public final class TransactionKeys {
    public static final String MAGIC_COOKIE = "z9hG4bK";

    private TransactionKeys() {
    }

    /** The key of the server transaction {@code request} belongs to; an ACK maps to its INVITE's transaction. */
    public static String server(SIPRequest request) {
        String method = request.getMethod();
        return server(request, Request.ACK.equals(method) ? Request.INVITE : method);
    }

    /** The key under the given method, e.g. the INVITE transaction a CANCEL refers to. */
    public static String server(SIPRequest request, String method) {
        Via top = request.getTopmostVia();
        String branch = top.getBranch();
        StringBuilder k = new StringBuilder(96);
        if (branch != null && branch.length() > MAGIC_COOKIE.length() && branch.startsWith(MAGIC_COOKIE)) {
            k.append(branch).append('|').append(top.getHost()).append(':').append(port(top))
                    .append('|').append(request.getCallId().getCallId());
        } else {
            // RFC 2543 peers (no magic cookie): From tag, Call-ID, CSeq number and top Via identify
            // the transaction. The To tag and Request-URI are left out so that the ACK (our To tag) still matches.
            k.append("2543|").append(request.getCallId().getCallId())
                    .append('|').append(request.getCSeq().getSeqNumber())
                    .append('|').append(request.getFromTag())
                    .append('|').append(top.getHost()).append(':').append(port(top))
                    .append('|').append(branch);
        }
        return k.append('|').append(method).toString();
    }

    static int port(Via via) {
        int p = via.getPort();
        return p > 0 ? p : 5060;
    }
}
