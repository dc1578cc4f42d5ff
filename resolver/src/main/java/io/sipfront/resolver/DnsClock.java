package io.sipfront.resolver;

/**
 * The resolver's monotonic time source in nanoseconds (receive times, TTLs, refresh and stale deadlines),
 * injected so tests of TTLs, refreshes and serve-stale run on a fake clock. Pass proxy-core's clock as
 * {@code clock::nanoTime}.
 */
@FunctionalInterface
public interface DnsClock {
    long nanoTime();

    DnsClock SYSTEM = System::nanoTime;
}
