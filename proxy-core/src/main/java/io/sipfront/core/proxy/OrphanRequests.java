package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.core.transport.SendFailureListener;
import io.sipfront.dispatcher.Destination;
import io.sipfront.net.Transport;
import java.text.ParseException;
import javax.sip.header.RouteHeader;

/**
 * A CANCEL (or the ACK of a non-2xx answer) for an INVITE this node never saw: in an HA pair, the INVITE went out through the other node, which has
 * since died. The CANCEL is answered 200 (hop by hop, RFC 3261 §16.10) and a CANCEL is sent, as §9.1 builds it, to
 * each destination the INVITE's first attempt could have gone to, with that attempt's deterministic branch
 * ({@link Branches#firstAttemptUnique}). The destination that has the INVITE ends it with 487, which comes back to
 * the VIP and is forwarded statelessly by Via; the others answer 481, which carries only our Via and stops here.
 * The caller's ACK for that 487 goes the same way, so the callee stops retransmitting it.
 * Later attempts (after a failover) have random branches and are not reached: their INVITE ends by Timer C or the
 * caller's BYE-less timeout, as with any stateless proxy.
 */
final class OrphanRequests {
    private OrphanRequests() {
    }

    /** Only a CANCEL of an initial INVITE (no To tag) from a known source can follow a takeover. */
    static boolean mayFollowATakeover(SIPRequest cancel) {
        return cancel.getToTag() == null && cancel.getTopmostVia() != null && cancel.getRequestURI() instanceof SipUri;
    }

    /**
     * The ACK of a non-2xx final answer: addressed like its INVITE (to us, the VIP) and carrying no Route, whereas
     * the ACK of a 2xx goes to the callee's Contact along the Record-Route.
     */
    static boolean isAckOfNon2xx(ProxyContext p, SIPRequest ack) {
        return ack.getRouteHeaders() == null && ack.getRequestURI() instanceof SipUri uri && p.identity().isLocal(uri);
    }

    /** Sends {@code cancel} (a CANCEL or an ACK of a non-2xx) to every destination of the source's set. */
    static void forward(ProxyContext p, Source source, SIPRequest cancel) {
        Via upstream = cancel.getTopmostVia();
        String unique = Branches.firstAttemptUnique(upstream.getBranch(), cancel.getCallId().getCallId(),
                cancel.getCSeq().getSeqNumber());
        if (unique == null) {
            return;
        }
        SipUri original = (SipUri) cancel.getRequestURI();
        for (Destination d : p.destinationsFor(source).destinations()) {
            try {
                Transport out = d.transport();
                Hop hop = new Hop(d.id(), OutboundTarget.of(out, d.address()), d, null, null);
                SIPRequest copy = (SIPRequest) cancel.clone();
                copy.setRequestURI(ForwardedRequest.rewrite(original, hop, out));
                copy.removeHeader(RouteHeader.NAME);
                copy.getViaHeaders().clear();
                // Max-Forwards as the INVITE left us: the caller's value less one (§16.6 step 3).
                Messages.decrementMaxForwards(copy);
                Messages.prepend(copy, p.identity().via(out, Branches.forRequest(unique)));
                p.sender().send(hop.target(), copy.encodeAsBytes(out.viaName()), SendFailureListener.IGNORE);
            } catch (ParseException | RuntimeException e) {
                // One destination's trouble must not stop the CANCEL reaching the others.
            }
        }
    }
}
