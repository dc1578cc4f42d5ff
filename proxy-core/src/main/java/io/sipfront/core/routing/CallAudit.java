package io.sipfront.core.routing;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Collects one call's attempts on its lane and writes its audit line when the call setup is over. */
public final class CallAudit {
    private final AuditTrail trail;
    private final RoutingDecision decision;
    private final String time;
    private final String callId;
    private final String direction;
    private final String source;
    private final List<AuditEntry.Attempt> attempts = new ArrayList<>();
    private boolean written;

    public CallAudit(AuditTrail trail, RoutingDecision decision, long wallMillis, String callId, String direction,
                     String source) {
        this.trail = trail;
        this.decision = decision;
        this.time = Instant.ofEpochMilli(wallMillis).toString();
        this.callId = callId;
        this.direction = direction;
        this.source = source;
    }

    public void attempt(String set, String id, String reason, String result) {
        attempts.add(new AuditEntry.Attempt(set, id, reason, result));
    }

    public void finish(int finalCode) {
        if (written) {
            return;
        }
        written = true;
        trail.write(new AuditEntry(time, callId, direction, source, decision.rule(), decision.considered(),
                List.copyOf(attempts), finalCode));
    }
}
