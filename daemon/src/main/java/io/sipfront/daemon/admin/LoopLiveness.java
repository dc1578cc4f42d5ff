package io.sipfront.daemon.admin;

import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * Live when every SIP event loop runs a no-op task within the limit: a loop stuck in a busy loop or a deadlock
 * fails this, while a merely busy one passes. Called on the admin pool, never on a SIP loop.
 */
public final class LoopLiveness implements BooleanSupplier {
    private final List<EventLoop> loops;
    private final Duration limit;

    public LoopLiveness(List<EventLoop> loops, Duration limit) {
        this.loops = List.copyOf(loops);
        this.limit = limit;
    }

    @Override
    public boolean getAsBoolean() {
        CountDownLatch ran = new CountDownLatch(loops.size());
        try {
            for (EventLoop loop : loops) {
                loop.execute(ran::countDown);
            }
            return ran.await(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
