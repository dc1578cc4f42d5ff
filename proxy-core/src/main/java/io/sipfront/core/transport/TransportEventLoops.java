package io.sipfront.core.transport;

import io.netty.channel.EventLoop;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultithreadEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollDatagramChannel;
import io.netty.channel.epoll.EpollEventLoopGroup;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.epoll.EpollSocketChannel;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.DatagramChannel;
import io.netty.channel.socket.ServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioDatagramChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.FastThreadLocalThread;
import io.netty.util.concurrent.Future;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The worker event loops: N single-threaded loops that own every socket and double as the per-call lanes
 * (a call runs on {@code loops().get(floorMod(hash(Call-ID), N))}, so its state needs no locks).
 *
 * <p>Uses the native epoll transport when it is available (it is what makes {@code SO_REUSEPORT} UDP
 * fan-out across loops possible) and NIO otherwise. Loop {@code i} runs on the thread named
 * {@code sip-loop-i}; {@link #loops()} lists them in that stable order.
 *
 * <p>The owner shuts the loops down after every transport using them is closed.
 */
public final class TransportEventLoops implements AutoCloseable {
    /** Thread names are this prefix plus the loop's index. */
    public static final String THREAD_NAME_PREFIX = "sip-loop-";

    private static final long SHUTDOWN_QUIET_PERIOD_MS = 100;
    private static final long SHUTDOWN_TIMEOUT_MS = 5_000;

    private final MultithreadEventLoopGroup group;
    private final List<EventLoop> loops;
    private final boolean epoll;

    private TransportEventLoops(MultithreadEventLoopGroup group, boolean epoll) {
        this.group = group;
        this.epoll = epoll;
        List<EventLoop> ordered = new ArrayList<>();
        // The group iterates its children in construction order; that order is the lane order.
        for (EventExecutor executor : group) {
            ordered.add((EventLoop) executor);
        }
        this.loops = List.copyOf(ordered);
        startThreadsInOrder();
    }

    /** {@code threads} loops, epoll when available. */
    public static TransportEventLoops create(int threads) {
        return create(threads, true);
    }

    /**
     * {@code threads} loops; epoll only if {@code preferEpoll} and the native transport loads, NIO otherwise
     * (tests use {@code false} to cover the NIO path).
     */
    public static TransportEventLoops create(int threads, boolean preferEpoll) {
        if (threads < 1) {
            throw new IllegalArgumentException("event loop threads must be at least 1, got " + threads);
        }
        ThreadFactory factory = new SequentialThreadFactory();
        if (preferEpoll && Epoll.isAvailable()) {
            return new TransportEventLoops(new EpollEventLoopGroup(threads, factory), true);
        }
        return new TransportEventLoops(new NioEventLoopGroup(threads, factory), false);
    }

    /** True when the native epoll transport is in use. */
    public boolean isEpoll() {
        return epoll;
    }

    public EventLoopGroup group() {
        return group;
    }

    /** The loops in stable order; index {@code i} runs on thread {@code sip-loop-i}. */
    public List<EventLoop> loops() {
        return loops;
    }

    public int size() {
        return loops.size();
    }

    /** Index of the loop the calling thread runs, or -1 when called from any other thread. */
    public int currentLoopIndex() {
        for (int i = 0; i < loops.size(); i++) {
            if (loops.get(i).inEventLoop()) {
                return i;
            }
        }
        return -1;
    }

    /** The loop the calling thread runs, or {@code null} when called from any other thread. */
    public EventLoop currentLoop() {
        int index = currentLoopIndex();
        return index < 0 ? null : loops.get(index);
    }

    public Class<? extends DatagramChannel> datagramChannelClass() {
        return epoll ? EpollDatagramChannel.class : NioDatagramChannel.class;
    }

    public Class<? extends ServerSocketChannel> serverSocketChannelClass() {
        return epoll ? EpollServerSocketChannel.class : NioServerSocketChannel.class;
    }

    public Class<? extends SocketChannel> socketChannelClass() {
        return epoll ? EpollSocketChannel.class : NioSocketChannel.class;
    }

    /**
     * Starts shutting the loops down: tasks already queued still run, then the threads end.
     * The returned future completes when every thread has ended.
     */
    public Future<?> shutdownGracefully() {
        return group.shutdownGracefully(SHUTDOWN_QUIET_PERIOD_MS, SHUTDOWN_TIMEOUT_MS, TimeUnit.MILLISECONDS);
    }

    /** Waits for termination after {@link #shutdownGracefully()}; true if every thread ended in time. */
    public boolean awaitTermination(Duration timeout) throws InterruptedException {
        return group.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Shuts down and waits (uninterruptibly) for the threads to end. Must not be called from one of the loops. */
    @Override
    public void close() {
        shutdownGracefully().syncUninterruptibly();
    }

    /**
     * Netty starts a loop's thread lazily, on its first task; starting them one by one here makes loop
     * {@code i} run on the thread named {@code sip-loop-i}, which keeps thread dumps and logs readable.
     */
    private void startThreadsInOrder() {
        for (EventLoop loop : loops) {
            loop.submit(() -> { }).syncUninterruptibly();
        }
    }

    /** Names threads {@code sip-loop-0}, {@code sip-loop-1}, ... in creation order. */
    private static final class SequentialThreadFactory implements ThreadFactory {
        private final AtomicInteger next = new AtomicInteger();

        @Override
        public Thread newThread(Runnable task) {
            // FastThreadLocalThread lets Netty's buffer pool caches use their fast path.
            Thread thread = new FastThreadLocalThread(task, THREAD_NAME_PREFIX + next.getAndIncrement());
            thread.setDaemon(false);
            return thread;
        }
    }
}
