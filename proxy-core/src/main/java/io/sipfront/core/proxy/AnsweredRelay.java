package io.sipfront.core.proxy;

import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.transaction.ClientTransaction;
import io.sipfront.core.transaction.ClientTransactionUser;

/**
 * All an answered INVITE's client transaction still needs for its 64*T1 in Accepted (RFC 6026): 2xx retransmissions
 * go up to the caller (RFC 3261 §16.7 step 5). It replaces the {@link FailoverMachine}, whose hops, plan, report and
 * attempts would otherwise stay reachable, and be copied by each young collection, for those 32 s.
 */
final class AnsweredRelay implements ClientTransactionUser {
    private final Upstream upstream;

    AnsweredRelay(Upstream upstream) {
        this.upstream = upstream;
    }

    @Override
    public void onResponse(ClientTransaction tx, SIPResponse response) {
        int status = response.getStatusCode();
        if (status >= 200 && status < 300) {
            upstream.relay(response, status);
        }
    }

    @Override
    public void onTimeout(ClientTransaction tx) {
        // Accepted ends by Timer M: nothing to decide.
    }

    @Override
    public void onTransportError(ClientTransaction tx, Throwable cause) {
        // A 2xx retransmission is relayed upstream; the transaction sends nothing downstream any more.
    }
}
