package io.sipfront.core.proxy;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.call.CallReport;
import io.sipfront.core.call.CallSetup;
import io.sipfront.core.edge.Admission;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.routing.CallFacts;
import io.sipfront.core.routing.RoutingDecision;
import io.sipfront.core.transport.InboundMessage;
import java.util.ArrayList;
import java.util.List;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;

/**
 * Requests that start something (no To tag): numbers to E.164 for a carrier's new call, the carrier's inbound limits
 * (calls per second, concurrent calls; the trunk group's once routing chose it: beyond either, 503 with Retry-After),
 * routing to a destination set, the call setup's record, then stateful forwarding through a failover machine.
 */
final class InitialRequests {
    private final ProxyContext p;

    InitialRequests(ProxyContext p) {
        this.p = p;
    }

    /** @param loopHash the RFC 3261 §16.6 step 8 hash for our branches (spiral handling), or null */
    void handle(Lane lane, SIPRequest request, InboundMessage in, Source source, String loopHash) {
        SIPRequest asReceived = (SIPRequest) request.clone();
        RouteProcessing.popOwnRoutes(asReceived, p.identity());
        // Pre-loaded Routes are not honoured: routing of new calls is the proxy's decision, never the sender's.
        asReceived.removeHeader(RouteHeader.NAME);
        boolean fromCarrier = source.kind() == Source.Kind.CARRIER;
        boolean newCall = Request.INVITE.equals(request.getMethod());
        RequestRewriter.Rewrite inbound = null;
        if (newCall && fromCarrier) {
            // Numbers first, so routing rules for inbound calls are written against E.164.
            inbound = p.rewriter().inbound(asReceived, source.name());
            if (inbound instanceof RequestRewriter.Rewrite.Forward rewritten) {
                asReceived = rewritten.request();
            }
        }
        Admission admission = Admission.FREE;
        if (newCall && fromCarrier) {
            // Calls whose BYE was lost give their slots back before the limits are checked.
            lane.state().establishedCalls.expire(lane.timers().clock().nanoTime());
            admission = p.edge().limits().admitCarrier(source.name());
        }
        RoutingDecision decision = p.routing().route(
                CallFacts.of(fromCarrier ? asReceived : request, fromCarrier, source.name()));
        if (newCall && fromCarrier && admission.admitted()) {
            admission = p.edge().limits().admitTrunkGroup(admission, decision.trunkGroup());
        }
        CallReport report = CallReport.NONE;
        if (newCall) {
            CallSetup call = new CallSetup(request.getCallId().getCallId(), fromCarrier, source.name() + "/"
                    + in.source().getAddress().getHostAddress() + ":" + in.source().getPort(),
                    lane.timers().clock().nanoTime(), p.routing().clock().currentTimeMillis());
            call.routed(decision);
            call.admitted(admission);
            report = CallReport.of(call, p.observer());
        }
        ForwardingPlan plan = new ForwardingPlan(p.identity(), in.transport(), dialogCreating(request.getMethod()),
                loopHash, Forwarding.firstUnique(request),
                newCall && !fromCarrier ? p.rewriter() : RequestRewriter.NONE);
        FailoverMachine machine = Forwarding.open(p, lane, request, in, asReceived, hopsOf(decision), plan, report,
                decision.retryAfterSeconds());
        if (!admission.admitted()) {
            p.edge().stats().callsRefusedByLimit.increment();
            machine.refuseForLimit(p.edge().retryAfterSeconds()); // through the transaction, as below
        } else if (inbound instanceof RequestRewriter.Rewrite.Reject reject) {
            machine.refuse(reject); // through the transaction: retransmissions and the ACK are absorbed
        } else {
            machine.start();
        }
    }

    private List<Hop> hopsOf(RoutingDecision decision) {
        List<Hop> hops = new ArrayList<>(decision.candidates().size());
        for (var c : decision.candidates()) {
            hops.add(Hop.routed(c, p.routing().registry().get(c.set(), c.destination().id())));
        }
        return hops;
    }

    private static boolean dialogCreating(String method) {
        return Request.INVITE.equals(method) || Request.SUBSCRIBE.equals(method) || Request.REFER.equals(method);
    }
}
