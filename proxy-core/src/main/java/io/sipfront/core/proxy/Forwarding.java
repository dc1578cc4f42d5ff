package io.sipfront.core.proxy;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.call.CallReport;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.transaction.InviteServerTransaction;
import io.sipfront.core.transaction.NonInviteServerTransaction;
import io.sipfront.core.transaction.ServerTransaction;
import io.sipfront.core.transaction.TransactionKeys;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.OutboundTarget;
import java.util.List;
import javax.sip.message.Request;

/** Opens the stateful forwarding of a request: its server transaction and its failover machine. */
final class Forwarding {
    private Forwarding() {
    }

    /**
     * Registers the server transaction of {@code request} (an INVITE is answered 100 Trying at once) and returns the
     * machine that will forward {@code asReceived}; the caller starts it, or refuses the request through it.
     *
     * @param asReceived a private copy of {@code request}, Route processed; Max-Forwards is decremented here
     */
    static FailoverMachine open(ProxyContext p, Lane lane, SIPRequest request, InboundMessage in,
                                SIPRequest asReceived, List<Hop> hops, ForwardingPlan plan, CallReport report,
                                int retryAfterSeconds) {
        Messages.decrementMaxForwards(asReceived); // never 0 here: validation answered 483 for that
        OutboundTarget responseTarget = NextHops.responseTarget(request.getTopmostVia(), in);
        String key = TransactionKeys.server(request);
        ServerTransaction stx = Request.INVITE.equals(request.getMethod())
                ? InviteServerTransaction.start(lane.transactions(), key, request, responseTarget,
                        LocalResponses.build(request, 100, "Trying"))
                : NonInviteServerTransaction.start(lane.transactions(), key, request, responseTarget);
        return new FailoverMachine(p, lane, stx, asReceived, hops, plan, report, retryAfterSeconds);
    }

    /** The unique part of an INVITE's branches, derived alike on both nodes of a pair; null for other methods. */
    static String firstUnique(SIPRequest request) {
        if (!Request.INVITE.equals(request.getMethod())) {
            return null;
        }
        return Branches.firstAttemptUnique(request.getTopmostVia().getBranch(), request.getCallId().getCallId(),
                request.getCSeq().getSeqNumber());
    }
}
