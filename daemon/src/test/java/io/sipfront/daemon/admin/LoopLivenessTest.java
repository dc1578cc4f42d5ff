package io.sipfront.daemon.admin;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.DefaultEventLoopGroup;
import io.netty.channel.EventLoop;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class LoopLivenessTest {
    @Test
    void aBlockedLoopIsNotLiveAndRecovers() throws Exception {
        DefaultEventLoopGroup group = new DefaultEventLoopGroup(2);
        try {
            List<EventLoop> loops = List.of(group.next(), group.next());
            LoopLiveness liveness = new LoopLiveness(loops, Duration.ofMillis(300));
            assertTrue(liveness.getAsBoolean());
            CountDownLatch release = new CountDownLatch(1);
            loops.get(1).execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            assertFalse(liveness.getAsBoolean());
            release.countDown();
            assertTrue(liveness.getAsBoolean());
        } finally {
            group.shutdownGracefully(0, 1, java.util.concurrent.TimeUnit.SECONDS).sync();
        }
    }
}
