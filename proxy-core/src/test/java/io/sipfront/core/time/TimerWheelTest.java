package io.sipfront.core.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.time.FakeClock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimerWheelTest {
    private final FakeClock clock = new FakeClock();
    private final TimerWheel wheel = new TimerWheel(clock, 10, 64);
    private final List<String> ran = new ArrayList<>();

    @Test
    void firesAtTheDeadlineRoundedUpToATickAndNotBefore() {
        wheel.schedule(500, () -> ran.add("A"));
        clock.advanceMillis(499);
        wheel.advance();
        assertEquals(List.of(), ran);
        clock.advanceMillis(1);
        wheel.advance();
        assertEquals(List.of("A"), ran);
    }

    @Test
    void timersBeyondOneTurnOfTheWheelWaitForTheirRound() {
        wheel.schedule(32_000, () -> ran.add("B")); // 64 buckets * 10 ms = 640 ms per turn
        for (int i = 0; i < 3199; i++) {
            clock.advanceMillis(10);
            wheel.advance();
        }
        assertEquals(List.of(), ran);
        clock.advanceMillis(10);
        wheel.advance();
        assertEquals(List.of("B"), ran);
    }

    @Test
    void cancelledTimerNeverRuns() {
        Timeout t = wheel.schedule(100, () -> ran.add("x"));
        t.cancel();
        assertFalse(t.isPending());
        clock.advanceMillis(200);
        wheel.advance();
        assertEquals(List.of(), ran);
        assertEquals(0, wheel.size());
    }

    @Test
    void aTaskCancellingAnotherDueInTheSameTickWins() {
        Timeout[] second = new Timeout[1];
        wheel.schedule(100, () -> {
            ran.add("first");
            second[0].cancel();
        });
        second[0] = wheel.schedule(100, () -> ran.add("second"));
        clock.advanceMillis(100);
        wheel.advance();
        assertEquals(List.of("first"), ran);
    }

    @Test
    void aTaskMayScheduleMoreWork() {
        wheel.schedule(10, () -> {
            ran.add("1");
            wheel.schedule(10, () -> ran.add("2"));
        });
        clock.advanceMillis(10);
        wheel.advance();
        assertEquals(List.of("1"), ran);
        clock.advanceMillis(10);
        wheel.advance();
        assertEquals(List.of("1", "2"), ran);
    }

    @Test
    void aLongPauseRunsEverythingThatBecameDueInOrder() {
        wheel.schedule(300, () -> ran.add("c"));
        wheel.schedule(100, () -> ran.add("a"));
        wheel.schedule(200, () -> ran.add("b"));
        clock.advanceMillis(5_000);
        assertEquals(3, wheel.advance());
        assertEquals(List.of("a", "b", "c"), ran);
    }

    @Test
    void aFailingTaskDoesNotStopTheOthers() {
        wheel.schedule(10, () -> {
            throw new IllegalStateException("boom");
        });
        Timeout ok = wheel.schedule(10, () -> ran.add("ok"));
        clock.advanceMillis(10);
        wheel.advance();
        assertEquals(List.of("ok"), ran);
        assertTrue(!ok.isPending());
    }
}
