package io.sipfront.ha.shared;

/** Reconnect delays: doubling from {@code first} up to {@code max}, back to {@code first} after a success. */
final class Backoff {
    private final long first;
    private final long max;
    private long next;

    Backoff(long firstMs, long maxMs) {
        this.first = firstMs;
        this.max = maxMs;
        this.next = firstMs;
    }

    long nextDelayMs() {
        long d = next;
        next = Math.min(max, next * 2);
        return d;
    }

    void reset() {
        next = first;
    }
}
