package io.sipfront.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipfront.time.Clock;
import java.util.ArrayDeque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How long a cluster node keeps serving after SIGTERM, on a fake clock. */
class ClusterDrainTest {
    /** A clock that moves only when the drain sleeps. */
    private final long[] millis = {1_000_000};
    private final Clock clock = new Clock() {
        @Override
        public long nanoTime() {
            return millis[0] * 1_000_000;
        }

        @Override
        public long currentTimeMillis() {
            return millis[0];
        }
    };
    private final ClusterDrain.Sleeper sleeper = ms -> millis[0] += ms;

    @Test
    void withNothingRingingTheNodeServesForTheBalancersRemovalTime() throws Exception {
        assertEquals(600, ClusterDrain.run(600, 32_000, () -> 0, clock, sleeper));
    }

    @Test
    void itThenWaitsUntilEveryInviteHasItsFinalAnswer() throws Exception {
        ArrayDeque<Integer> unanswered = new ArrayDeque<>(List.of(3, 2, 2, 1, 0));
        // 600 ms, then a poll every 50 ms while INVITEs are still unanswered: four of them
        assertEquals(800, ClusterDrain.run(600, 32_000, unanswered::pop, clock, sleeper));
    }

    @Test
    void anInviteNeverAnsweredOrLanesTooBusyToCountStopAtTheMaximum() throws Exception {
        assertEquals(2_000, ClusterDrain.run(600, 2_000, () -> -1, clock, sleeper));
    }
}
