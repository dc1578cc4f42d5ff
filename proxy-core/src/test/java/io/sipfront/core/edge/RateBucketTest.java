package io.sipfront.core.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.time.FakeClock;
import org.junit.jupiter.api.Test;

class RateBucketTest {
    private final FakeClock clock = new FakeClock();

    private int takeAll(RateBucket b) {
        int n = 0;
        while (b.tryTake()) {
            n++;
        }
        return n;
    }

    @Test
    void aFullBucketLetsItsBurstThroughThenOneTokenPerInterval() {
        RateBucket b = new RateBucket(clock, 20, 5);
        assertEquals(5, takeAll(b));
        clock.advanceMillis(49);
        assertFalse(b.tryTake());
        clock.advanceMillis(1);
        assertTrue(b.tryTake());
        assertFalse(b.tryTake());
    }

    @Test
    void aBucketNeverHoldsMoreThanItsBurstHoweverLongItWasIdle() {
        RateBucket b = new RateBucket(clock, 20, 5);
        clock.advanceMillis(60_000);
        assertEquals(5, takeAll(b));
    }

    /** The case: 100 offers a second for 5 s against 20/s with the default burst: about 100 pass. */
    @Test
    void oneHundredASecondForFiveSecondsAgainstTwentyASecond() {
        RateBucket b = new RateBucket(clock, 20, 5);
        int passed = 0;
        for (int i = 0; i < 500; i++) {
            if (b.tryTake()) {
                passed++;
            }
            clock.advanceMillis(10);
        }
        assertTrue(passed >= 100 && passed <= 106, "passed " + passed);
    }

    @Test
    void concurrentTakersNeverGetMoreThanTheBurst() throws InterruptedException {
        RateBucket b = new RateBucket(clock, 1000, 1000);
        java.util.concurrent.atomic.AtomicInteger taken = new java.util.concurrent.atomic.AtomicInteger();
        Thread[] threads = new Thread[4];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new Thread(() -> {
                for (int i = 0; i < 1000; i++) {
                    if (b.tryTake()) {
                        taken.incrementAndGet();
                    }
                }
            });
            threads[t].start();
        }
        for (Thread t : threads) {
            t.join();
        }
        assertEquals(1000, taken.get());
    }
}
