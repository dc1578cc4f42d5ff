package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.sip.LocalTags;
import io.sipfront.core.sip.MessageEncoder;
import io.sipfront.core.transaction.InviteServerTransaction;
import io.sipfront.core.transaction.ServerTransaction;
import io.sipfront.core.transaction.TransactionKeys;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.core.transport.SendFailureListener;
import java.text.ParseException;

/**
 * ACKs. The ACK for a non-2xx answer is hop by hop: it ends at the transaction that sent the answer, or here when
 * the answer was one of ours sent without a transaction (recognised by our To tag), or it follows an INVITE that
 * went through the other node of a pair. The ACK for a 2xx is end to end and stateless (RFC 3261 §16.11): forwarded
 * along its Route set, never answered.
 */
final class Acks {
    private final ProxyContext p;
    private final OrphanRequests orphans;

    Acks(ProxyContext p, OrphanRequests orphans) {
        this.p = p;
        this.orphans = orphans;
    }

    void handle(Lane lane, SIPRequest ack, InboundMessage in, Source source) throws ParseException {
        ServerTransaction stx = lane.transactions().table().server(TransactionKeys.server(ack));
        if (stx instanceof InviteServerTransaction invite && stx.hasFinalResponse() && stx.lastStatus() >= 300) {
            invite.onAck(); // the ACK for our non-2xx: hop by hop, ends here
        } else if (LocalTags.isLocal(ack.getToTag())) {
            return; // the ACK for an answer of ours whose transaction is gone, or that never had one (483, 482, ...)
        } else if (stx == null && OrphanRequests.isAckOfNon2xx(p, ack)) {
            orphans.forward(source, ack, in); // its INVITE went through the other node of a pair
        } else {
            forwardAck(lane, ack);
        }
    }

    /** The ACK for a 2xx: along the Route set, with a branch every retransmission repeats. */
    private void forwardAck(Lane lane, SIPRequest ack) throws ParseException {
        if (!RouteProcessing.popOwnRoutes(ack, p.identity())) {
            return; // not routed through us: drop, never relay
        }
        if (!Messages.decrementMaxForwards(ack)) {
            return;
        }
        SipUri next = RouteProcessing.nextHopUri(ack);
        OutboundTarget target = next == null ? null : NextHops.forUri(next, p.hostNames());
        if (target == null) {
            return;
        }
        // The branch from the caller's number, so it does not depend on the offset's presence after a takeover.
        String branch = Branches.stateless(ack.getTopmostVia().getBranch(), ack.getCallId().getCallId(),
                ack.getCSeq().getSeqNumber());
        DialogNumbers.towardCarrier(p, lane, ack);
        Via via = p.identity().via(target.transport(), branch);
        Messages.prepend(ack, via);
        p.sender().send(target, MessageEncoder.encode(ack, target.transport().viaName()), SendFailureListener.IGNORE);
    }
}
