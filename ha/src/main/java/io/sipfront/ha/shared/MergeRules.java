package io.sipfront.ha.shared;

import io.sipfront.dispatcher.OperatorAction;
import io.sipfront.time.Clock;
import java.util.HashMap;
import java.util.Map;

/**
 * How a node weighs what its peer says. Deliberately conservative: a peer never makes this node route by the peer's
 * view, it only makes this node look again at once.
 * <ul>
 *   <li>A fresh peer observation of a destination as inactive, degraded or suspect → {@link Verdict#PROBE}: this node
 *       marks it suspect (no new calls in failover mode {@code immediate}, last resort in {@code degraded}) and
 *       probes it now, so its own probe confirms or clears within one probe timeout.</li>
 *   <li>The same observation seen again (a periodic refresh, a resync) → {@link Verdict#SEEN}: applied once only,
 *       or a healthy-looking carrier would be shunned after every refresh.</li>
 *   <li>A peer entry not written for {@code stale_after_ms} → {@link Verdict#STALE}: the peer is gone or cut off.</li>
 *   <li>A peer reporting a destination active → {@link Verdict#HEALTHY}: nothing to do (this node's probes decide).</li>
 *   <li>Operator actions are cluster-wide and win over any observation: the newest ({@code at}, then node id)
 *       applies on every node, whichever API it came through; staleness does not apply to them.</li>
 * </ul>
 * Confined to the shared-state worker thread.
 */
final class MergeRules {
    enum Verdict { PROBE, SEEN, STALE, HEALTHY, OWN }

    private final String self;
    private final long staleAfterMs;
    private final Clock clock;
    /** node + destination → the {@code since} of the observation already acted on. */
    private final Map<String, Long> acted = new HashMap<>();
    /** destination → the newest operator action applied or taken here. */
    private final Map<String, OperatorEntry> operator = new HashMap<>();

    MergeRules(String self, long staleAfterMs, Clock clock) {
        this.self = self;
        this.staleAfterMs = staleAfterMs;
        this.clock = clock;
    }

    Verdict peerHealth(HealthEntry e) {
        if (e.node().equals(self)) {
            return Verdict.OWN;
        }
        if (clock.currentTimeMillis() - e.updated() > staleAfterMs) {
            return Verdict.STALE;
        }
        String key = e.node() + " " + e.destinationKey();
        if (!e.unwell()) {
            acted.remove(key); // a later relapse is a new observation even if its clock reads the same millisecond
            return Verdict.HEALTHY;
        }
        Long before = acted.put(key, e.since());
        return before != null && before == e.since() ? Verdict.SEEN : Verdict.PROBE;
    }

    /** Whether {@code e} (from Redis or the channel, any node, this one included) must be applied here. */
    boolean operatorAction(OperatorEntry e) {
        OperatorEntry last = operator.get(e.destinationKey());
        if (last != null && !e.newerThan(last)) {
            return false;
        }
        operator.put(e.destinationKey(), e);
        return true;
    }

    /** An action taken through this node's API: stamped strictly after the one it replaces, and remembered. */
    OperatorEntry localAction(String set, String id, OperatorAction action) {
        String key = SharedKeys.destinationField(set, id);
        long at = clock.currentTimeMillis();
        OperatorEntry last = operator.get(key);
        if (last != null && at <= last.at()) {
            at = last.at() + 1;
        }
        OperatorEntry e = new OperatorEntry(set, id, action.apiName(), at, self);
        operator.put(key, e);
        return e;
    }

    /** Whether {@code e} is still the newest action for its destination (a peer's newer one may have replaced it). */
    boolean isCurrent(OperatorEntry e) {
        return e.equals(operator.get(e.destinationKey()));
    }
}
