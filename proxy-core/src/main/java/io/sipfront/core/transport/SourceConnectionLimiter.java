package io.sipfront.core.transport;

import java.net.InetAddress;
import java.util.concurrent.ConcurrentHashMap;

/** Counts open inbound connections per source IP and refuses those over the limit. */
final class SourceConnectionLimiter {
    private final int maxPerSource;
    private final ConcurrentHashMap<InetAddress, Integer> open = new ConcurrentHashMap<>();

    SourceConnectionLimiter(int maxPerSource) {
        this.maxPerSource = maxPerSource;
    }

    /** Takes a slot for {@code source}; false (and nothing taken) when it already has the maximum. */
    boolean tryAcquire(InetAddress source) {
        boolean[] acquired = new boolean[1];
        open.compute(source, (ip, count) -> {
            int current = count == null ? 0 : count;
            if (current >= maxPerSource) {
                return count;
            }
            acquired[0] = true;
            return current + 1;
        });
        return acquired[0];
    }

    /** Gives back a slot taken by {@link #tryAcquire}. */
    void release(InetAddress source) {
        open.computeIfPresent(source, (ip, count) -> count <= 1 ? null : count - 1);
    }
}
