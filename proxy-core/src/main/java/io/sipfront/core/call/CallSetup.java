package io.sipfront.core.call;

import io.sipfront.core.edge.Admission;
import io.sipfront.core.routing.RoutingDecision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * One call setup (an initial INVITE) as it happens: who sent it, how it was routed, each destination tried and how
 * it answered, and the final answer. Written only on the call's lane; {@link CallObserver}s read it.
 */
public final class CallSetup {
    private final String callId;
    private final boolean inbound;
    private final String source;
    private final long startNanos;
    private final long wallMillis;
    private RoutingDecision decision;
    private final List<AttemptRecord> attempts = new ArrayList<>(2);
    private int finalCode;
    private long endNanos;
    private Admission admission = Admission.FREE;

    /**
     * @param inbound    from a carrier (to the platform)
     * @param source     {@code name/ip:port} of the sender
     * @param startNanos the lane clock when the INVITE arrived
     * @param wallMillis the wall clock at that moment (for the audit trail)
     */
    public CallSetup(String callId, boolean inbound, String source, long startNanos, long wallMillis) {
        this.callId = callId;
        this.inbound = inbound;
        this.source = source;
        this.startNanos = startNanos;
        this.wallMillis = wallMillis;
    }

    public String callId() {
        return callId;
    }

    public boolean inbound() {
        return inbound;
    }

    /** {@code inbound} or {@code outbound}, as logs, meters and the audit trail name it. */
    public String direction() {
        return inbound ? "inbound" : "outbound";
    }

    public String source() {
        return source;
    }

    public long wallMillis() {
        return wallMillis;
    }

    /** The routing decision, or null when the call was refused before routing. */
    public RoutingDecision decision() {
        return decision;
    }

    public void routed(RoutingDecision decision) {
        this.decision = decision;
    }

    /** The inbound limits' slots this call holds ({@link Admission#FREE} when none applies). */
    public Admission admission() {
        return admission;
    }

    /** The call was admitted, or refused, by the inbound limits. */
    public void admitted(Admission admission) {
        this.admission = admission;
    }

    /** The inbound limit that refused the call ({@code carrier carrier-b: calls_per_second 20}), or null. */
    public String refusedBy() {
        return admission.refusedBy();
    }

    public List<AttemptRecord> attempts() {
        return Collections.unmodifiableList(attempts);
    }

    void add(AttemptRecord attempt) {
        attempts.add(attempt);
    }

    /** The final response sent to the caller, 0 before it. */
    public int finalCode() {
        return finalCode;
    }

    public boolean finished() {
        return finalCode != 0;
    }

    /** INVITE received to final answer sent, in nanoseconds of the lane clock. */
    public long durationNanos() {
        return endNanos - startNanos;
    }

    void finish(int code, long nowNanos) {
        this.finalCode = code;
        this.endNanos = nowNanos;
    }
}
