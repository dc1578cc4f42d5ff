package io.sipfront.core.time;

import io.sipfront.time.Clock;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A hashed timer wheel owned by one thread (a call lane): no locks, O(1) schedule and cancel.
 *
 * <p>Time only moves when the owner calls {@link #advance()}, reading the injected {@link Clock}; in production a
 * lane calls it every tick from its event loop, in tests the test moves a fake clock and calls it, so timer tests
 * never sleep. A task runs at the first advance at or after its deadline, rounded up to a whole tick: with the
 * default 10 ms tick a 500 ms Timer A fires between 500 and 510 ms (Netty's HashedWheelTimer defaults to 100 ms,
 * too coarse for T1 retransmissions).
 */
public final class TimerWheel {
    private static final Logger log = LoggerFactory.getLogger(TimerWheel.class);

    private final Clock clock;
    private final long tickNanos;
    private final long startNanos;
    private final Timeout.Bucket[] buckets;
    private final int mask;
    private final java.util.ArrayList<Timeout> due = new java.util.ArrayList<>();
    private long currentTick;

    /**
     * @param tickMillis granularity, at least 1 ms
     * @param wheelSize  buckets, rounded up to a power of two; timers further out than one turn simply stay in
     *                   their bucket for more turns
     */
    public TimerWheel(Clock clock, long tickMillis, int wheelSize) {
        if (tickMillis < 1) {
            throw new IllegalArgumentException("tickMillis must be >= 1: " + tickMillis);
        }
        this.clock = clock;
        this.tickNanos = TimeUnit.MILLISECONDS.toNanos(tickMillis);
        this.startNanos = clock.nanoTime();
        int size = Integer.highestOneBit(Math.max(16, wheelSize - 1)) << 1;
        this.buckets = new Timeout.Bucket[size];
        for (int i = 0; i < size; i++) {
            buckets[i] = new Timeout.Bucket();
        }
        this.mask = size - 1;
    }

    public Clock clock() {
        return clock;
    }

    /** Runs {@code task} once, {@code delayMillis} from now (at least one tick from now). */
    public Timeout schedule(long delayMillis, Runnable task) {
        long delayNanos = TimeUnit.MILLISECONDS.toNanos(Math.max(0, delayMillis));
        long deadline = clock.nanoTime() - startNanos + delayNanos;
        long tick = Math.max(currentTick + 1, (deadline + tickNanos - 1) / tickNanos);
        Timeout t = new Timeout(tick, task);
        buckets[(int) (tick & mask)].add(t);
        return t;
    }

    /** Runs every task whose deadline has passed, in deadline order per tick. Returns how many ran. */
    public int advance() {
        long target = (clock.nanoTime() - startNanos) / tickNanos;
        int ran = 0;
        while (currentTick < target) {
            currentTick++;
            Timeout.Bucket bucket = buckets[(int) (currentTick & mask)];
            // Detach first, run after: a task may schedule into or cancel from this very bucket.
            for (Timeout t = bucket.head; t != null; ) {
                Timeout next = t.next;
                if (t.deadlineTick <= currentTick) {
                    bucket.remove(t);
                    due.add(t);
                }
                t = next;
            }
            for (int i = 0; i < due.size(); i++) {
                Timeout t = due.get(i);
                if (t.done) {
                    continue;
                }
                t.done = true;
                ran++;
                try {
                    t.task.run();
                } catch (RuntimeException | Error e) {
                    // One broken timer task must not stop every other call on this lane.
                    log.error("timer task failed", e);
                }
            }
            due.clear();
        }
        return ran;
    }

    /** Timers scheduled and neither run nor cancelled; approximate after cancels (for metrics and leak tests). */
    public int size() {
        int n = 0;
        for (Timeout.Bucket b : buckets) {
            n += b.size;
        }
        return n;
    }
}
