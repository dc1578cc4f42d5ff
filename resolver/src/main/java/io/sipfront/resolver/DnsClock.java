package io.sipfront.resolver;

/**
 * The resolver's time source, injected so tests of TTLs, refreshes and serve-stale run on a fake clock. Same
 * shape as proxy-core's {@code io.sipfront.core.time.Clock}, which this module cannot depend on.
 */
public interface DnsClock {
    /** Monotonic nanoseconds: receive times, TTLs, refresh and stale deadlines. */
    long nanoTime();

    /** Wall-clock milliseconds since the epoch: only for the times reported in {@link DnsStats}. */
    long currentTimeMillis();

    DnsClock SYSTEM = new DnsClock() {
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
