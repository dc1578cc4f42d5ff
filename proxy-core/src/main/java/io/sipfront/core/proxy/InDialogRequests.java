package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.call.CallReport;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.OutboundTarget;
import java.util.List;
import javax.sip.message.Request;

/**
 * Requests within a dialog (a To tag): routed without dialog state along their Route set, which must name us (we
 * are not an open relay), to the next Route or the remote target.
 */
final class InDialogRequests {
    private final ProxyContext p;

    InDialogRequests(ProxyContext p) {
        this.p = p;
    }

    void handle(Lane lane, SIPRequest request, InboundMessage in) {
        SIPRequest asReceived = (SIPRequest) request.clone();
        DialogNumbers.towardCarrier(p, lane, asReceived);
        if (!RouteProcessing.popOwnRoutes(asReceived, p.identity())) {
            // Not an open relay: in-dialog requests reach us only through our Record-Route.
            LocalResponses.reply(p.sender(), request, in, 404, "Not Here", null);
            return;
        }
        SipUri next = RouteProcessing.nextHopUri(asReceived);
        OutboundTarget target = next == null ? null : NextHops.forUri(next, p.hostNames());
        if (target == null) {
            LocalResponses.reply(p.sender(), request, in, 404, "Next Hop Not Routable", null);
            return;
        }
        if (Request.BYE.equals(request.getMethod())) {
            String callId = request.getCallId().getCallId();
            lane.state().establishedCalls.end(callId, in.source(), lane.timers().clock().nanoTime());
        }
        ForwardingPlan plan = new ForwardingPlan(p.identity(), in.transport(), false, null,
                Forwarding.firstUnique(request), RequestRewriter.NONE);
        Forwarding.open(p, lane, request, in, asReceived, List.of(Hop.inDialog(target)), plan, CallReport.NONE, 0)
                .start();
    }
}
