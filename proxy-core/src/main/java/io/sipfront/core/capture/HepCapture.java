package io.sipfront.core.capture;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.util.internal.PlatformDependent;
import io.sipfront.net.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ByteChannel;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SocketChannel;
import java.time.Clock;
import java.time.Instant;
import java.util.Queue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Mirrors SIP messages to a HEP v3 collector. {@link #capture} is called on the event loops: it only puts the
 * message on a bounded lock-free queue (full: dropped and counted), so a slow or dead collector never delays SIP.
 * One thread, {@code sipfront-hep}, encodes ({@link HepEncoder}) and sends: over UDP one packet per datagram, over
 * TCP on one connection, opened again (at most once a second) after a failure; what cannot be sent is counted.
 */
public final class HepCapture implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HepCapture.class);
    /** How long the sending thread sleeps when the queue is empty: the capture's latency, not SIP's. */
    static final long IDLE_PARK_NANOS = TimeUnit.MILLISECONDS.toNanos(2);
    static final long RECONNECT_PAUSE_NANOS = TimeUnit.SECONDS.toNanos(1);
    static final int CONNECT_TIMEOUT_MS = 2_000;

    private final HepSettings settings;
    private final HepCounters counters;
    private final Clock clock;
    private final Queue<CapturedMessage> queue;
    private final Thread thread;
    private final ByteBuf buffer = Unpooled.buffer(HepEncoder.MAX_PACKET, HepEncoder.MAX_PACKET);
    private volatile boolean running = true;
    private ByteChannel channel;
    private long nextConnectNanos;
    private boolean failing;

    private HepCapture(HepSettings settings, HepCounters counters, Clock clock) {
        this.settings = settings;
        this.counters = counters;
        this.clock = clock;
        this.queue = PlatformDependent.newFixedMpscQueue(settings.queueSize());
        this.thread = new Thread(this::run, "sipfront-hep");
        this.thread.setDaemon(true);
    }

    /** Starts mirroring to {@code settings}' collector; null when the section is disabled. */
    public static HepCapture start(HepSettings settings, HepCounters counters, Clock clock) {
        if (!settings.enabled()) {
            return null;
        }
        HepCapture capture = new HepCapture(settings, counters, clock);
        capture.thread.start();
        log.info("HEP capture to {}:{} over {} (capture id {})", settings.collector().getAddress().getHostAddress(),
                settings.collector().getPort(), settings.transport(), settings.captureId());
        return capture;
    }

    /** Queues one message; never blocks. */
    public void capture(byte[] bytes, Transport transport, InetSocketAddress source, InetSocketAddress destination) {
        Instant now = clock.instant();
        long micros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
        if (!queue.offer(new CapturedMessage(bytes, transport, source, destination, micros))) {
            counters.queueFull().increment();
        }
    }

    private void run() {
        while (running) {
            CapturedMessage m = queue.poll();
            if (m == null) {
                LockSupport.parkNanos(IDLE_PARK_NANOS);
                continue;
            }
            send(m);
        }
        closeChannel();
    }

    private void send(CapturedMessage m) {
        buffer.clear();
        HepEncoder.encode(buffer, m, settings.captureId(), settings.authKey(), CallIds.find(m.bytes()));
        try {
            ByteChannel c = channel();
            if (c == null) {
                counters.sendFailed().increment();
                return;
            }
            ByteBuffer packet = buffer.nioBuffer();
            if (c instanceof DatagramChannel d) {
                d.send(packet, settings.collector());
            } else {
                while (packet.hasRemaining()) {
                    c.write(packet);
                }
            }
            counters.sent().increment();
            if (failing) {
                failing = false;
                log.info("HEP collector {} reachable again", settings.collector());
            }
        } catch (IOException e) {
            counters.sendFailed().increment();
            failed(e);
        }
    }

    /** The open channel, or null while a TCP collector is unreachable (retried at most once a second). */
    private ByteChannel channel() throws IOException {
        if (channel != null) {
            return channel;
        }
        if (System.nanoTime() - nextConnectNanos < 0) {
            return null;
        }
        if (settings.transport() == Transport.UDP) {
            channel = DatagramChannel.open();
        } else {
            SocketChannel s = SocketChannel.open();
            try {
                s.setOption(StandardSocketOptions.TCP_NODELAY, true);
                s.socket().connect(settings.collector(), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            channel = s;
        }
        return channel;
    }

    private void failed(IOException e) {
        closeChannel();
        nextConnectNanos = System.nanoTime() + RECONNECT_PAUSE_NANOS;
        if (!failing) {
            failing = true; // once per outage, not once per message
            log.warn("HEP collector {}: {}; messages are dropped (sipfront_hep_dropped_total) until it is back",
                    settings.collector(), e.toString());
        }
    }

    private void closeChannel() {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException ignored) {
                // closing a broken channel: nothing left to do
            }
            channel = null;
        }
    }

    /** Stops the sending thread; what is still queued is dropped. */
    @Override
    public void close() {
        running = false;
        LockSupport.unpark(thread);
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
