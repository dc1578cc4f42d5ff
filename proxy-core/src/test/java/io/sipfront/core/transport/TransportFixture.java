package io.sipfront.core.transport;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.channel.epoll.Epoll;
import io.sipfront.config.LimitSettings;
import io.sipfront.config.ListenAddress;
import io.sipfront.config.SipSettings;
import io.sipfront.net.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** A transport on 127.0.0.1, ephemeral ports, and a sink that queues what it gets. Closed by the test. */
final class TransportFixture implements AutoCloseable {
    static final InetAddress LOOPBACK = loopback();
    static final Duration WAIT = Duration.ofSeconds(3);

    final TransportEventLoops loops;
    final NettyTransport transport;
    private final BlockingQueue<Received> queue;

    /** An inbound message and the name of the thread that delivered it. */
    record Received(InboundMessage message, String thread) {
    }

    private TransportFixture(TransportEventLoops loops, NettyTransport transport, BlockingQueue<Received> queue) {
        this.loops = loops;
        this.transport = transport;
        this.queue = queue;
    }

    /** Starts with UDP and TCP on 127.0.0.1:0; skips the test when epoll is asked for but unavailable. */
    static TransportFixture start(boolean epoll, int workers, LimitSettings limits) {
        return start(epoll, workers, limits, List.of(
                new ListenAddress(Transport.UDP, LOOPBACK, 0), new ListenAddress(Transport.TCP, LOOPBACK, 0)));
    }

    static TransportFixture start(boolean epoll, int workers, LimitSettings limits, List<ListenAddress> listen) {
        assumeTrue(!epoll || Epoll.isAvailable(), "epoll unavailable here");
        TransportEventLoops loops = TransportEventLoops.create(workers, epoll);
        SipSettings sip = new SipSettings(listen, "127.0.0.1", 5060, workers, 1 << 20);
        BlockingQueue<Received> queue = new LinkedBlockingQueue<>();
        try {
            NettyTransport transport = NettyTransport.start(sip, limits, loops,
                    m -> queue.add(new Received(m, Thread.currentThread().getName())));
            return new TransportFixture(loops, transport, queue);
        } catch (RuntimeException e) {
            loops.close();
            throw e;
        }
    }

    Received next() throws InterruptedException {
        Received r = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        assertNotNull(r, "no message delivered within " + WAIT);
        return r;
    }

    Received poll(Duration wait) throws InterruptedException {
        return queue.poll(wait.toMillis(), TimeUnit.MILLISECONDS);
    }

    InetSocketAddress bound(Transport transport) {
        return this.transport.boundAddresses().stream()
                .filter(a -> a.transport() == transport)
                .findFirst().orElseThrow().socketAddress();
    }

    @Override
    public void close() {
        try {
            transport.close();
        } finally {
            loops.shutdownGracefully().awaitUninterruptibly(5, TimeUnit.SECONDS);
        }
    }

    private static InetAddress loopback() {
        try {
            return InetAddress.getByName("127.0.0.1");
        } catch (UnknownHostException e) {
            throw new IllegalStateException(e);
        }
    }
}
