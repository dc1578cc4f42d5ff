package io.sipfront.core.edge;

import io.sipfront.time.Clock;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A token bucket, lock-free: {@code rate} tokens a second, holding at most {@code burst}. Kept as one number, the
 * time at which the bucket will be full again (the generic cell rate algorithm): taking a token moves it one
 * interval later, and is refused when that would put it more than {@code burst} intervals ahead of now. One CAS per
 * token, whatever the number of threads.
 */
public final class RateBucket {
    private final Clock clock;
    private final long intervalNanos;
    private final long toleranceNanos;
    /** When the bucket is full again; before now means full. */
    private final AtomicLong fullAt;

    /**
     * @param rate  tokens per second, at least 1
     * @param burst tokens the bucket holds, at least 1; a full bucket lets this many through at once
     */
    public RateBucket(Clock clock, int rate, int burst) {
        if (rate < 1 || burst < 1) {
            throw new IllegalArgumentException("rate and burst must be at least 1: " + rate + ", " + burst);
        }
        this.clock = clock;
        this.intervalNanos = 1_000_000_000L / rate;
        this.toleranceNanos = intervalNanos * burst;
        this.fullAt = new AtomicLong(clock.nanoTime());
    }

    /** Takes one token; false when the bucket is empty. */
    public boolean tryTake() {
        long now = clock.nanoTime();
        while (true) {
            long current = fullAt.get();
            long base = current - now < 0 ? now : current;
            long next = base + intervalNanos;
            if (next - now > toleranceNanos) {
                return false;
            }
            if (fullAt.compareAndSet(current, next)) {
                return true;
            }
        }
    }
}
