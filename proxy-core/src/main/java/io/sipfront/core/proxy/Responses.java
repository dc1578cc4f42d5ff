package io.sipfront.core.proxy;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.core.sip.MessageEncoder;
import io.sipfront.core.transaction.ClientTransaction;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.core.transport.SendFailureListener;
import io.sipfront.net.Transport;
import java.net.InetSocketAddress;

/**
 * Responses (RFC 3261 §16.7): only those whose top Via is ours; matched to a client transaction by branch and CSeq
 * method. With none here: in active-active mode a response whose Via names a live peer is relayed to it as received
 * (the balancer handed it to the wrong node); otherwise (the transaction ended, the request went out through the
 * other node of a pair, or through a cluster node that has died) it is forwarded statelessly by the next Via.
 */
final class Responses {
    private final ProxyContext p;

    Responses(ProxyContext p) {
        this.p = p;
    }

    void handle(Lane lane, SIPResponse response, InboundMessage in) {
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
        if (relayToPeer(top, in)) {
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
        p.sender().send(target, MessageEncoder.encode(response, next.getTransport()), SendFailureListener.IGNORE);
    }

    /**
     * Sends the response, byte for byte, to the live cluster peer its Via names. Never back to a peer it came from:
     * the peer names itself in its Via, so it handles what it receives as its own, and a relay never loops.
     */
    private boolean relayToPeer(Via top, InboundMessage in) {
        String node = LocalIdentity.nodeOf(top);
        if (node == null || node.equals(p.identity().cluster().self())) {
            return false;
        }
        InetSocketAddress peer = p.identity().cluster().relayTarget(node);
        if (peer == null || peer.equals(in.source())) {
            return false; // a dead peer's transactions died with it: the response goes on by Via
        }
        p.stats().responsesRelayedToPeer.increment();
        p.sender().send(OutboundTarget.of(Transport.UDP, peer), in.bytes(), SendFailureListener.IGNORE);
        return true;
    }
}
