package io.sipfront.core.edge;

import io.sipfront.config.EdgeSettings;
import io.sipfront.time.Clock;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;

/**
 * The inbound limits of one carrier or trunk group: new calls per second (a {@link RateBucket}) and calls at once
 * (a counter taken when a call is admitted and given back when it fails or, once answered, at its BYE). Lock-free:
 * lanes admit calls concurrently.
 */
final class CallLimit {
    /** {@code carrier} or {@code trunk_group}, as the audit trail and metrics name the kind. */
    final String kind;
    final EdgeSettings.Limits settings;
    private final RateBucket bucket;
    /** Shared with the limit's previous versions, so a reload keeps the calls in progress. */
    final AtomicInteger active;
    final LongAdder refusedForRate;
    final LongAdder refusedForConcurrency;

    CallLimit(String kind, EdgeSettings.Limits settings, Clock clock, CallLimit previous) {
        this.kind = kind;
        this.settings = settings;
        boolean sameRate = previous != null && previous.settings.callsPerSecond() == settings.callsPerSecond()
                && previous.settings.burst() == settings.burst();
        this.bucket = settings.callsPerSecond() == 0 ? null
                : sameRate ? previous.bucket : new RateBucket(clock, settings.callsPerSecond(), settings.burst());
        this.active = previous != null ? previous.active : new AtomicInteger();
        this.refusedForRate = previous != null ? previous.refusedForRate : new LongAdder();
        this.refusedForConcurrency = previous != null ? previous.refusedForConcurrency : new LongAdder();
    }

    /** What limits this, for the audit trail: {@code carrier carrier-b}. */
    String label() {
        return kind.replace('_', ' ') + " " + settings.name();
    }

    /** Takes a slot and a token; null when admitted, else the limit that refused the call. */
    String tryAdmit() {
        int max = settings.maxConcurrentCalls();
        while (true) {
            int current = active.get();
            if (max > 0 && current >= max) {
                refusedForConcurrency.increment();
                return label() + ": max_concurrent_calls " + max;
            }
            if (active.compareAndSet(current, current + 1)) {
                break;
            }
        }
        if (bucket != null && !bucket.tryTake()) {
            active.decrementAndGet();
            refusedForRate.increment();
            return label() + ": calls_per_second " + settings.callsPerSecond();
        }
        return null;
    }

    void release() {
        active.decrementAndGet();
    }
}
