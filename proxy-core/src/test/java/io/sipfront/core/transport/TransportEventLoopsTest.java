package io.sipfront.core.transport;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.EventLoop;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(20)
class TransportEventLoopsTest {

    @ParameterizedTest(name = "epoll={0}")
    @ValueSource(booleans = {true, false})
    void loopIndexMatchesThreadNameInStableOrder(boolean epoll) throws Exception {
        assumeTrue(!epoll || Epoll.isAvailable());
        try (TransportEventLoops loops = TransportEventLoops.create(4, epoll)) {
            assertEquals(epoll, loops.isEpoll());
            assertEquals(4, loops.loops().size());
            for (int i = 0; i < 4; i++) {
                EventLoop loop = loops.loops().get(i);
                int index = i;
                String name = loop.submit(() -> Thread.currentThread().getName()).get(5, TimeUnit.SECONDS);
                assertEquals("sip-loop-" + i, name);
                assertEquals(index, loop.submit(loops::currentLoopIndex).get(5, TimeUnit.SECONDS));
                assertSame(loop, loop.submit(loops::currentLoop).get(5, TimeUnit.SECONDS));
            }
            assertEquals(-1, loops.currentLoopIndex());
            assertNull(loops.currentLoop());
            assertEquals(epoll ? EpollDatagramChannel.class : NioDatagramChannel.class, loops.datagramChannelClass());
        }
    }

    @Test
    void shutdownGracefullyEndsEveryThread() throws Exception {
        TransportEventLoops loops = TransportEventLoops.create(2);
        Thread thread = loops.loops().get(1).submit(Thread::currentThread).get(5, TimeUnit.SECONDS);
        assertTrue(loops.shutdownGracefully().await(5, TimeUnit.SECONDS));
        assertTrue(loops.awaitTermination(Duration.ofSeconds(5)));
        thread.join(5_000);
        assertTrue(!thread.isAlive());
        assertTrue(loops.group().isTerminated());
    }

    @Test
    void rejectsZeroThreads() {
        assertThrows(IllegalArgumentException.class, () -> TransportEventLoops.create(0));
    }
}
