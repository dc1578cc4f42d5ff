package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.routing.CallFacts;
import io.sipfront.core.routing.RoutingDecision;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.SendFailureListener;
import io.sipfront.dispatcher.Algorithm;
import io.sipfront.dispatcher.Candidate;
import io.sipfront.dispatcher.DestinationHealth;
import io.sipfront.dispatcher.DestinationSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.sip.header.RouteHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A CANCEL, or the ACK of a non-2xx answer, for an INVITE this node never saw: in an HA pair the INVITE went out
 * through the other node, which has since died. The request is routed as its INVITE was (numbers, rules, trunk
 * groups) and sent, as RFC 3261 §9.1 builds it, as every attempt of that INVITE may have been sent: to each
 * destination the routing looked at, with the deterministic branch ({@link ForwardingPlan#branch}) of each attempt
 * that destination may have had. The
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
        // The fields the INVITE had too: its CANCEL and the ACK of a non-2xx repeat them.
        String firstUnique = Branches.firstAttemptUnique(request.getTopmostVia().getBranch(),
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
        ForwardingPlan plan = new ForwardingPlan(p.identity(), in.transport(), false,
                validation.loopHash(request, true), firstUnique, outbound);
        for (Reach r : reachOf(decision)) {
            // The highest attempt number first: a destination that took a later attempt of this call also saw the
            // earlier branches' CANCELs as strangers, and some user agents (SIPp) handle only one CANCEL at a time.
            for (int n = r.attempts(); n >= 1; n--) {
                send(asReceived, r.hop(), plan.branch(n, null), plan);
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

    /** A destination the INVITE may have reached, and the highest attempt number it may have had. */
    private record Reach(Hop hop, int attempts) {
    }

    /**
     * Every destination the INVITE's routing looked at, whatever their state now. Attempt n goes to the n-th hop of
     * the routing order, so where that order does not change from call to call (priority sets, as long as the
     * health states stay) a destination at place i can only have had attempts 1..i; with the other algorithms, and
     * for destinations not among today's candidates, any number up to {@code proxy.max_attempts}.
     */
    private List<Reach> reachOf(RoutingDecision decision) {
        int most = Math.min(Math.max(1, p.config().proxy().maxAttempts()), decision.considered().size());
        List<Reach> reach = new ArrayList<>(decision.considered().size());
        Set<DestinationHealth> seen = new HashSet<>();
        int place = 0;
        for (Candidate c : decision.candidates()) {
            place++;
            DestinationHealth h = p.routing().registry().get(c.set(), c.destination().id());
            if (h != null && seen.add(h)) {
                DestinationSet set = p.routing().table().sets().get(c.set());
                boolean fixedOrder = set != null && set.algorithm() == Algorithm.PRIORITY;
                reach.add(new Reach(Hop.to(h.destination()), fixedOrder ? Math.min(place, most) : most));
            }
        }
        for (RoutingDecision.DestinationView v : decision.considered()) {
            DestinationHealth h = p.routing().registry().get(v.set(), v.id());
            if (h != null && seen.add(h)) {
                reach.add(new Reach(Hop.to(h.destination()), most));
            }
        }
        return reach;
    }
}
