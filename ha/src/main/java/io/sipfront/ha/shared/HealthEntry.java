package io.sipfront.ha.shared;

import java.util.Objects;

/**
 * One node's own view of one destination, as written to Redis and sent to the peer. Times are wall-clock
 * milliseconds of the writing node (the nodes' clocks are assumed NTP-synchronised, as for any log correlation).
 *
 * @param node        the node that observed it
 * @param state       what that node routes by: active, degraded, inactive or disabled
 * @param observed    what its probes and passive health say, ignoring the operator (active, degraded, inactive)
 * @param suspect     a live call of its own just failed there (a suspicion learnt from a peer is never echoed)
 * @param since       when {@code observed} or {@code suspect} last changed: a new observation has a new value
 * @param reason      why the state last changed, e.g. "probe timeout (3 in a row)"
 * @param probeCode   the last probe's answer, 0 for none or a miss
 * @param probeTime   when the last probe ended, 0 for never
 * @param updated     when the node last wrote this entry; older than {@code stale_after_ms}: ignored
 * @param attempts    this node's own counters (kept apart per node, never summed in Redis)
 */
public record HealthEntry(String node, String set, String id, String state, String observed, boolean suspect,
                          long since, String reason, int probeCode, long probeTime, long updated, long attempts,
                          long answered, long failures) {
    public HealthEntry {
        Objects.requireNonNull(node, "node");
        Objects.requireNonNull(set, "set");
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(observed, "observed");
    }

    /** The field of the node's hash in Redis. */
    public String destinationKey() {
        return SharedKeys.destinationField(set, id);
    }

    /** What makes the peer probe this destination at once: down or unwell by probes, or a failed live call. */
    public boolean unwell() {
        return suspect || "inactive".equals(observed) || "degraded".equals(observed);
    }
}
