package io.sipfront.core.call;

import io.sipfront.core.routing.AuditEntry;
import io.sipfront.core.routing.AuditTrail;
import io.sipfront.core.routing.RoutingDecision;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** The audit trail: one JSON line per routed call setup once its final answer is sent (docs/operations.md). */
public final class AuditObserver implements CallObserver {
    private final AuditTrail trail;

    public AuditObserver(AuditTrail trail) {
        this.trail = trail;
    }

    @Override
    public void finalAnswer(CallSetup call) {
        trail.write(entry(call));
    }

    static AuditEntry entry(CallSetup call) {
        List<AuditEntry.Attempt> attempts = new ArrayList<>(call.attempts().size());
        for (AttemptRecord a : call.attempts()) {
            if (a.set() == null) {
                continue; // refused before routing: the entry's empty attempt list and final code say it
            }
            String result = switch (a.kind()) {
                case SENT -> a.result();
                case SKIPPED_FOR_LIMIT -> "limit reached";
                case REFUSED_BY_NUMBERING -> a.result() + " by number rules";
                case REFUSED_INSECURE -> a.result() + ": SRTP keys only over TLS";
            };
            attempts.add(new AuditEntry.Attempt(a.set(), a.id(), a.reason(), result));
        }
        RoutingDecision d = call.decision();
        return new AuditEntry(Instant.ofEpochMilli(call.wallMillis()).toString(), call.callId(), call.direction(),
                call.source(), d == null ? null : d.rule(), d == null ? List.of() : d.considered(),
                List.copyOf(attempts), call.finalCode(), call.refusedBy());
    }
}
