package io.sipfront.dispatcher;

import io.sipfront.time.Clock;
import java.util.concurrent.atomic.AtomicLongArray;

/**
 * Calls and failures of one destination over the last 30 seconds, in one-second buckets. Lock-free: every lane
 * records into it; a bucket from an earlier turn of the ring is reset by whoever first writes to it again, so a
 * count racing with that reset may be lost, which a health ratio can afford.
 */
final class SlidingErrorWindow {
    static final int SECONDS = 30;

    private final Clock clock;
    private final AtomicLongArray second = new AtomicLongArray(SECONDS);
    private final AtomicLongArray calls = new AtomicLongArray(SECONDS);
    private final AtomicLongArray errors = new AtomicLongArray(SECONDS);

    SlidingErrorWindow(Clock clock) {
        this.clock = clock;
        for (int i = 0; i < SECONDS; i++) {
            second.set(i, Long.MIN_VALUE);
        }
    }

    void record(boolean error) {
        long now = clock.nanoTime() / 1_000_000_000L;
        int i = (int) Math.floorMod(now, (long) SECONDS);
        long seen = second.get(i);
        if (seen != now && second.compareAndSet(i, seen, now)) {
            calls.set(i, 0);
            errors.set(i, 0);
        }
        calls.incrementAndGet(i);
        if (error) {
            errors.incrementAndGet(i);
        }
    }

    /** {calls, errors} over the last 30 s. */
    long[] totals() {
        long now = clock.nanoTime() / 1_000_000_000L;
        long c = 0;
        long e = 0;
        for (int i = 0; i < SECONDS; i++) {
            long s = second.get(i);
            if (s > now - SECONDS && s <= now) {
                c += calls.get(i);
                e += errors.get(i);
            }
        }
        return new long[] {c, e};
    }
}
