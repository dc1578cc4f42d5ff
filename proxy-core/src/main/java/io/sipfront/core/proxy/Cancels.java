package io.sipfront.core.proxy;

import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.transaction.ServerTransaction;
import io.sipfront.core.transaction.TransactionKeys;
import io.sipfront.core.transport.InboundMessage;
import javax.sip.message.Request;

/**
 * CANCELs (RFC 3261 §16.10): answered 200 hop by hop at once, then the pending attempts of the matching INVITE are
 * cancelled. A CANCEL with no INVITE here may follow a takeover (the INVITE went through the other node of a pair).
 */
final class Cancels {
    private final ProxyContext p;
    private final OrphanRequests orphans;

    Cancels(ProxyContext p, OrphanRequests orphans) {
        this.p = p;
        this.orphans = orphans;
    }

    void handle(Lane lane, SIPRequest cancel, InboundMessage in, Source source) {
        ServerTransaction invite = lane.transactions().table().server(TransactionKeys.server(cancel, Request.INVITE));
        if (invite != null) {
            // Retransmissions of the CANCEL get the same 200 again.
            LocalResponses.reply(p.sender(), cancel, in, 200, "OK", null);
            if (invite.user() != null) {
                invite.user().onCancel(invite);
            }
            return;
        }
        if (cancel.getMaxForwards() instanceof MaxForwards mf && mf.getMaxForwards() <= 0) {
            p.stats().tooManyHops.increment();
            LocalResponses.reply(p.sender(), cancel, in, 483, "Too Many Hops", null);
            return;
        }
        if (OrphanRequests.mayFollowATakeover(cancel)) {
            LocalResponses.reply(p.sender(), cancel, in, 200, "OK", null);
            orphans.forward(source, cancel, in);
            return;
        }
        LocalResponses.reply(p.sender(), cancel, in, 481, "Call/Transaction Does Not Exist", null);
    }
}
