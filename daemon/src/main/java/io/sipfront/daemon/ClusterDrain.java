package io.sipfront.daemon;

import io.sipfront.time.Clock;
import java.util.function.IntSupplier;

/**
 * A cluster node's clean stop. {@code /health/ready} already answers 503 when this starts; the node keeps serving
 * while the balancer notices (two failed checks: {@code drain_min_ms}) and then until every INVITE it received has
 * had its final answer, at most {@code drain_max_ms} in all, so no call ringing here is cut off by the stop.
 */
final class ClusterDrain {
    /** How a drain waits; tests move a fake clock instead. */
    interface Sleeper {
        void sleep(long millis) throws InterruptedException;
    }

    static final long POLL_MS = 50;

    private ClusterDrain() {
    }

    /**
     * @param unanswered INVITEs still without a final answer (negative when they could not be counted)
     * @return the milliseconds the drain took
     */
    static long run(long minMs, long maxMs, IntSupplier unanswered, Clock clock, Sleeper sleeper)
            throws InterruptedException {
        long start = clock.currentTimeMillis();
        sleeper.sleep(minMs);
        while (clock.currentTimeMillis() - start < maxMs && unanswered.getAsInt() != 0) {
            sleeper.sleep(Math.min(POLL_MS, maxMs - (clock.currentTimeMillis() - start)));
        }
        return clock.currentTimeMillis() - start;
    }
}
