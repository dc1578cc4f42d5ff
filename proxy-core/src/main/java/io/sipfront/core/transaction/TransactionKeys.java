package io.sipfront.core.transaction;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import javax.sip.message.Request;

/** RFC 3261 §17.2.3 server transaction matching, with the RFC 2543 fallback of §17.2.3's last paragraph. */
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
            k.append(branch).append('|').append(top.getHost()).append(':').append(port(top));
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
