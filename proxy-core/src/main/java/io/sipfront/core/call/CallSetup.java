package io.sipfront.core.call;

import io.sipfront.core.edge.Admission;
import io.sipfront.core.routing.RoutingDecision;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
    private boolean rang;
    private long firstProvisionalNanos;
    private String ringingSet;
    private String ringingId;
    private long hangupNanos;
    private Hangup hangup;

    /** Who ended an answered call: the side its BYE came from, or nobody when no BYE came. */
    public enum Hangup {
        CALLER, CALLEE, NO_BYE;

        /** {@code caller}, {@code callee}, {@code no-bye}. */
        public String label() {
            return this == NO_BYE ? "no-bye" : name().toLowerCase(java.util.Locale.ROOT);
        }
    }

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

    /** The lane clock when the INVITE arrived. */
    public long startNanos() {
        return startNanos;
    }

    /** The lane clock when the final answer went to the caller (0 before it). */
    public long finalNanos() {
        return endNanos;
    }

    /** The wall clock (epoch ms) of a lane clock reading, through the INVITE's arrival. */
    public long wallMillisAt(long laneNanos) {
        return wallMillis + TimeUnit.NANOSECONDS.toMillis(laneNanos - startNanos);
    }

    /**
     * Post-dial delay: INVITE received to the first ringing (18x) relayed or, without one, the 2xx; -1 when the call
     * got neither.
     */
    public long postDialDelayNanos() {
        if (rang) {
            return firstProvisionalNanos - startNanos;
        }
        return finalCode >= 200 && finalCode < 300 ? endNanos - startNanos : -1;
    }

    /** True the first time: a ringing (18x) from destination {@code id} of {@code set} at {@code nowNanos}. */
    boolean provisional(String set, String id, long nowNanos) {
        if (rang || finished()) {
            return false;
        }
        rang = true;
        firstProvisionalNanos = nowNanos;
        ringingSet = set;
        ringingId = id;
        return true;
    }

    /** The set of the destination that rang first, or null. */
    public String ringingSet() {
        return ringingSet;
    }

    /** The id of the destination that rang first, or null. */
    public String ringingId() {
        return ringingId;
    }

    /**
     * The attempt that answered (a 2xx), or null: the last one sent whose result is a 2xx.
     */
    public AttemptRecord answeredBy() {
        for (int i = attempts.size() - 1; i >= 0; i--) {
            AttemptRecord a = attempts.get(i);
            if (a.kind() == AttemptRecord.Kind.SENT && a.result().startsWith("2")) {
                return a;
            }
        }
        return null;
    }

    /** The answered call ended ({@link Hangup}) at {@code nowNanos}; null before. */
    public Hangup hangup() {
        return hangup;
    }

    /** The lane clock when the answered call ended (its BYE, or its expiry). */
    public long hangupNanos() {
        return hangupNanos;
    }

    void ended(Hangup who, long nowNanos) {
        this.hangup = who;
        this.hangupNanos = nowNanos;
    }

    /** The carrier of destination {@code id} of {@code set} as the routing decision knew it, or null. */
    public String carrierOf(String set, String id) {
        if (decision == null || set == null) {
            return null;
        }
        for (var c : decision.candidates()) {
            if (c.set().equals(set) && c.destination().id().equals(id)) {
                return c.destination().carrier().orElse(null);
            }
        }
        return null;
    }

    /** The address part ({@code ip}) of {@link #source()}. */
    public String sourceAddress() {
        int slash = source.indexOf('/');
        int colon = source.lastIndexOf(':');
        return colon > slash ? source.substring(slash + 1, colon) : source.substring(slash + 1);
    }

    /** The configured name part of {@link #source()}: {@code platform} or a carrier's name. */
    public String sourceName() {
        int slash = source.indexOf('/');
        return slash < 0 ? source : source.substring(0, slash);
    }

    void finish(int code, long nowNanos) {
        this.finalCode = code;
        this.endNanos = nowNanos;
    }
}
