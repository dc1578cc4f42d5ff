package io.sipfront.ha;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.EnumMap;
import java.util.Map;

/** The heartbeat's Micrometer meters: transitions by target state, adverts in and out, and advert loss. */
final class HaMetrics {
    final Counter advertsSent;
    final Counter advertsReceived;
    final Counter sendErrors;
    final Counter peerUnreachable;
    /** Expected adverts that did not arrive: gaps between accepted adverts beyond one interval and a half. */
    final Counter advertsMissed;
    private final Map<BadAdvertException.Reason, Counter> rejected = new EnumMap<>(BadAdvertException.Reason.class);
    private final Map<HaState, Counter> transitions = new EnumMap<>(HaState.class);
    private final long advertIntervalMs;
    private long lastAcceptedMs = -1;

    HaMetrics(MeterRegistry registry, long advertIntervalMs) {
        this.advertIntervalMs = advertIntervalMs;
        advertsSent = registry.counter("sipfront.ha.adverts.sent");
        advertsReceived = registry.counter("sipfront.ha.adverts.received");
        sendErrors = registry.counter("sipfront.ha.adverts.send.errors");
        peerUnreachable = registry.counter("sipfront.ha.peer.unreachable");
        advertsMissed = registry.counter("sipfront.ha.adverts.missed");
        for (BadAdvertException.Reason reason : BadAdvertException.Reason.values()) {
            rejected.put(reason, registry.counter("sipfront.ha.adverts.rejected", "reason",
                    reason.name().toLowerCase(java.util.Locale.ROOT)));
        }
        for (HaState state : HaState.values()) {
            transitions.put(state, registry.counter("sipfront.ha.transitions", "to", state.wire()));
        }
    }

    void rejected(BadAdvertException.Reason reason) {
        rejected.get(reason).increment();
    }

    void transition(HaState to) {
        transitions.get(to).increment();
    }

    /** Counts the adverts a gap swallowed (advert loss), on the heartbeat thread. */
    void advertAccepted(long nowMs) {
        if (lastAcceptedMs >= 0) {
            long gap = nowMs - lastAcceptedMs;
            long missed = (gap + advertIntervalMs / 2) / advertIntervalMs - 1;
            if (missed > 0) {
                advertsMissed.increment(missed);
            }
        }
        lastAcceptedMs = nowMs;
    }

    long rejectedTotal() {
        return (long) rejected.values().stream().mapToDouble(Counter::count).sum();
    }
}
