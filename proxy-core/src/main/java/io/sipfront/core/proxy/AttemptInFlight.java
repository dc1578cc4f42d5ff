package io.sipfront.core.proxy;

import io.sipfront.core.call.AttemptRecord;
import io.sipfront.core.call.CallReport;
import io.sipfront.core.routing.RoutingEngine;
import io.sipfront.core.transaction.ClientTransaction;
import io.sipfront.dispatcher.DestinationHealth;

/**
 * The attempt a forwarded request has out: its destination, its client transaction and the call slot it holds
 * (INVITEs to a destination with limits). It ends once, and its end is told to the call report, to the
 * destination's health and to its slot.
 */
final class AttemptInFlight {
    private final Hop hop;
    private final String reason;
    private ClientTransaction tx;
    /** Authenticated retries sent on this attempt: what its CSeq is ahead of the request as received. */
    private int retries;
    /** Whether a stale nonce was answered once more already. */
    private boolean staleAnswered;
    private final CallReport report;
    private final RoutingEngine routing;
    private DestinationHealth slot;
    private boolean open = true;

    /**
     * @param reason why this destination (for the audit trail)
     * @param slot   the call slot taken for this attempt, or null
     */
    AttemptInFlight(Hop hop, String reason, ClientTransaction tx, DestinationHealth slot, CallReport report,
                    RoutingEngine routing) {
        this.hop = hop;
        this.reason = reason;
        this.tx = tx;
        this.slot = slot;
        this.report = report;
        this.routing = routing;
    }

    Hop hop() {
        return hop;
    }

    ClientTransaction tx() {
        return tx;
    }

    boolean open() {
        return open;
    }

    int retries() {
        return retries;
    }

    boolean staleAnswered() {
        return staleAnswered;
    }

    /** The attempt goes on with an authenticated retry on {@code next}, to the same destination. */
    void retried(ClientTransaction next, boolean stale) {
        tx = next;
        retries++;
        staleAnswered |= stale;
    }

    /**
     * @param failed     counts against the destination (passive health)
     * @param suspicious the destination may be down: probe it at once
     */
    void end(String result, boolean failed, boolean suspicious) {
        if (!open) {
            return;
        }
        open = false;
        report.attemptEnded(record(hop, reason, result, AttemptRecord.Kind.SENT));
        DestinationHealth h = hop.health();
        if (h != null) {
            h.callOutcome(failed, suspicious);
            if (suspicious) {
                routing.suspect(h);
            }
        }
        if (!result.startsWith("2")) {
            releaseSlot();
        }
    }

    /** This destination rings (18x): the call report notes the first ringing of the call. */
    void provisional(int status, long nowNanos) {
        report.provisional(hop.candidate() == null ? null : hop.candidate().set(),
                hop.destination() == null ? null : hop.destination().id(), status, nowNanos);
    }

    /** The call was answered here: it keeps the slot until its BYE, held by whoever takes it now. */
    DestinationHealth takeSlot() {
        DestinationHealth s = slot;
        slot = null;
        return s;
    }

    void releaseSlot() {
        if (slot != null) {
            slot.callEnded();
            slot = null;
        }
    }

    static AttemptRecord record(Hop hop, String reason, String result, AttemptRecord.Kind kind) {
        return hop.candidate() == null
                ? new AttemptRecord(null, null, hop.label(), reason, result, kind)
                : new AttemptRecord(hop.candidate().set(), hop.destination().id(), hop.label(), reason, result, kind);
    }
}
