package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.routing.CallFacts;
import io.sipfront.core.routing.RoutingDecision;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.SendFailureListener;
import io.sipfront.dispatcher.DestinationHealth;
import java.util.ArrayList;
import java.util.List;
import javax.sip.header.RouteHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CANCEL, or the ACK of a non-2xx answer, for an INVITE this node never saw: in an HA pair the INVITE went out
 * through the other node, which has since died. The request is routed as its INVITE was (numbers, rules, trunk
 * groups) and sent, as RFC 3261 §9.1 builds it, as every attempt of that INVITE may have been sent: to each
 * destination the routing looked at, with each attempt's deterministic branch ({@link ForwardingPlan#branch}). The
 * destination that has the INVITE ends it with 487, which comes back to the VIP and is forwarded statelessly by Via;
 * a destination that never saw a branch answers 481, which carries only our Via and stops here.
 */
final class OrphanRequests {
    private static final Logger log = LoggerFactory.getLogger(OrphanRequests.class);

    private final ProxyContext p;
    private final RequestValidation validation;

    OrphanRequests(ProxyContext p, RequestValidation validation) {
        this.p = p;
        this.validation = validation;
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

    /** Sends {@code request} (a CANCEL or an ACK of a non-2xx) wherever its INVITE may have gone. */
    void forward(Source source, SIPRequest request, InboundMessage in) {
        String firstUnique = Forwarding.firstUnique(request.getTopmostVia().getBranch(),
                request.getCallId().getCallId(), request.getCSeq().getSeqNumber());
        if (firstUnique == null) {
            return; // the caller's branch is not known to be unique: neither were ours
        }
        SIPRequest asReceived = (SIPRequest) request.clone();
        asReceived.removeHeader(RouteHeader.NAME);
        asReceived.getViaHeaders().clear(); // the answers carry only our Via and stop here
        if (!Messages.decrementMaxForwards(asReceived)) {
            return; // Max-Forwards 0: never forwarded (a CANCEL was answered 483 for it)
        }
        boolean fromCarrier = source.kind() == Source.Kind.CARRIER;
        RequestRewriter outbound = RequestRewriter.NONE;
        if (fromCarrier) {
            RequestRewriter.Rewrite inbound = p.rewriter().inbound(asReceived, source.name());
            if (!(inbound instanceof RequestRewriter.Rewrite.Forward rewritten)) {
                return; // its INVITE was refused by the number rules too: it went nowhere
            }
            asReceived = rewritten.request();
        } else {
            outbound = p.rewriter();
        }
        RoutingDecision decision = p.routing().route(
                CallFacts.of(fromCarrier ? asReceived : request, fromCarrier, source.name()));
        List<Hop> hops = destinationsOf(decision);
        ForwardingPlan plan = new ForwardingPlan(p.identity(), in.transport(), false,
                validation.loopHash(request, true), firstUnique, outbound);
        int attempts = Math.min(Math.max(1, p.config().proxy().maxAttempts()), hops.size());
        for (Hop hop : hops) {
            for (int n = 1; n <= attempts; n++) {
                send(asReceived, hop, plan.branch(n, null), plan);
            }
        }
    }

    private void send(SIPRequest asReceived, Hop hop, String branch, ForwardingPlan plan) {
        try {
            if (Attempt.build(asReceived, false, hop, branch, plan) instanceof Attempt.Ready ready) {
                p.sender().send(hop.target(), ready.bytes(), SendFailureListener.IGNORE);
            }
        } catch (RuntimeException e) {
            // One destination's trouble must not stop the request reaching the others.
            p.stats().internalErrors.increment();
            log.error("internal error sending a {} for call {} to {}", asReceived.getMethod(),
                    asReceived.getCallId().getCallId(), hop.label(), e);
        }
    }

    /** Every destination the INVITE's routing looked at, whatever their state now. */
    private List<Hop> destinationsOf(RoutingDecision decision) {
        List<Hop> hops = new ArrayList<>(decision.considered().size());
        for (RoutingDecision.DestinationView v : decision.considered()) {
            DestinationHealth h = p.routing().registry().get(v.set(), v.id());
            if (h != null) {
                hops.add(Hop.to(h.destination()));
            }
        }
        return hops;
    }
}
