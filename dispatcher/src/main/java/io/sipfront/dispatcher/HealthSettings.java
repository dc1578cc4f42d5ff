package io.sipfront.dispatcher;

import java.util.Set;

/**
 * How a set watches its destinations.
 *
 * @param probe               send OPTIONS probes; without them a destination's state changes only through the
 *                            operator and passive health
 * @param intervalMs          time between two probes of one destination
 * @param timeoutMs           a probe unanswered this long is a miss; never longer than the interval
 * @param misses              consecutive misses that make a destination inactive
 * @param successes           consecutive good answers that make it active again (no flapping on one reply)
 * @param upCodes             answers besides 2xx that mean "up" (a live host may refuse OPTIONS itself)
 * @param passiveErrorPercent live-call failures over the last 30 s, in percent, that make a destination degraded;
 *                            0 turns passive health off
 * @param passiveMinCalls     calls needed in the window before the ratio counts
 */
public record HealthSettings(boolean probe, long intervalMs, long timeoutMs, int misses, int successes,
                             Set<Integer> upCodes, int passiveErrorPercent, int passiveMinCalls) {
    public static final Set<Integer> DEFAULT_UP_CODES = Set.of(404, 405, 501);
    /** No probing, no passive health: a set without a {@code health} section. */
    public static final HealthSettings OFF = new HealthSettings(false, 10_000, 2_000, 3, 2, DEFAULT_UP_CODES, 0, 10);
    /** The defaults of a {@code health} section. */
    public static final HealthSettings PROBING = new HealthSettings(true, 10_000, 2_000, 3, 2, DEFAULT_UP_CODES, 0, 10);

    public HealthSettings {
        upCodes = Set.copyOf(upCodes);
        if (timeoutMs > intervalMs) {
            throw new IllegalArgumentException("probe timeout " + timeoutMs + " ms is longer than the interval "
                    + intervalMs + " ms");
        }
    }

    /** Whether a probe answered with {@code status} means the destination is up. */
    public boolean isUp(int status) {
        return (status >= 200 && status < 300) || upCodes.contains(status);
    }
}
