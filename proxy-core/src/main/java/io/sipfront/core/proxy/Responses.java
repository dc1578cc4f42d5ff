package io.sipfront.core.proxy;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.transaction.ClientTransaction;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.core.transport.SendFailureListener;

/**
 * Responses (RFC 3261 §16.7): only those whose top Via is ours; matched to a client transaction by branch and CSeq
 * method, or, with none (it ended, or the request went out through the other node of a pair), forwarded statelessly
 * by the next Via.
 */
final class Responses {
    private final ProxyContext p;

    Responses(ProxyContext p) {
        this.p = p;
    }

    void handle(Lane lane, SIPResponse response) {
        Via top = response.getTopmostVia();
        if (top == null || !p.identity().isLocal(top.getHost(), top.getPort())) {
            p.stats().strayResponsesDropped.increment();
            return; // not sent by us
        }
        ClientTransaction tx = lane.transactions().table().client(top.getBranch(), response.getCSeq().getMethod());
        if (tx != null) {
            tx.onResponse(response);
            return;
        }
        response.getViaHeaders().removeFirst();
        Via next = response.getTopmostVia();
        OutboundTarget target = next == null ? null : NextHops.forResponseVia(next);
        if (target == null) {
            p.stats().strayResponsesDropped.increment();
            return;
        }
        DialogNumbers.towardCaller(p, lane, response);
        p.stats().strayResponsesForwarded.increment();
        p.sender().send(target, response.encodeAsBytes(next.getTransport()), SendFailureListener.IGNORE);
    }
}
