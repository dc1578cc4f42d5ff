package io.sipfront.time;

import java.util.concurrent.TimeUnit;

/** A clock that moves only when a test says so. */
public final class FakeClock implements Clock {
    private long nanos = TimeUnit.SECONDS.toNanos(1000);

    @Override
    public long nanoTime() {
        return nanos;
    }

    @Override
    public long currentTimeMillis() {
        return TimeUnit.NANOSECONDS.toMillis(nanos);
    }

    public void advanceMillis(long ms) {
        nanos += TimeUnit.MILLISECONDS.toNanos(ms);
    }
}
