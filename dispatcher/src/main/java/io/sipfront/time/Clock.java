package io.sipfront.time;

/**
 * The time source for everything timed in Sipfront. Injected so timer tests run on a fake clock
 * without sleeping (as Caffeine does with its {@code Ticker}).
 */
public interface Clock {
    /** Monotonic nanoseconds, for durations and timers. */
    long nanoTime();

    /** Wall-clock milliseconds since the epoch: for what is shown or shared (logs, probe times, HA state). */
    long currentTimeMillis();

    Clock SYSTEM = new Clock() {
        @Override
        public long nanoTime() {
            return System.nanoTime();
        }

        @Override
        public long currentTimeMillis() {
            return System.currentTimeMillis();
        }
    };
}
