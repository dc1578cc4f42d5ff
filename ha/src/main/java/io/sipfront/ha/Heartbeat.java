package io.sipfront.ha;

import io.sipfront.time.Clock;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.PortUnreachableException;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.LongConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The advert socket and the thread that owns it and the state machine. A dedicated platform thread rather than a
 * Netty event loop: its timing must not depend on SIP load, and it never runs anything but adverts and decisions.
 * The channel is connected to the peer, so the kernel filters other senders and reports the peer's ICMP port
 * unreachable as a {@link PortUnreachableException}: a crash signal, counted and never fatal to the loop.
 */
final class Heartbeat implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Heartbeat.class);

    private final InetSocketAddress bind;
    private final InetSocketAddress peer;
    private final long advertIntervalMs;
    private final AdvertCodec codec;
    private final ReplayGuard replayGuard = new ReplayGuard();
    private final String nodeId;
    private final Clock clock;
    private final HaMetrics metrics;
    private final ConcurrentLinkedQueue<LongConsumer> commands = new ConcurrentLinkedQueue<>();
    private final long bootEpoch;
    private HaStateMachine machine;
    private LongConsumer everyTurn;
    private DatagramChannel channel;
    private Selector selector;
    private Thread thread;
    private volatile boolean running;
    private long sequence;
    private long nextAdvertMs;
    private long lastSentMs;

    Heartbeat(String nodeId, InetSocketAddress bind, InetSocketAddress peer, long advertIntervalMs, byte[] key,
              Clock clock, HaMetrics metrics) {
        this.nodeId = nodeId;
        this.bind = bind;
        this.peer = peer;
        this.advertIntervalMs = advertIntervalMs;
        this.codec = new AdvertCodec(key);
        this.clock = clock;
        this.metrics = metrics;
        // Wall-clock milliseconds: larger after any restart that takes more than a millisecond.
        this.bootEpoch = clock.currentTimeMillis();
    }

    /** Binds and connects the socket (throws if it cannot) and starts the thread. */
    void start(HaStateMachine stateMachine, LongConsumer everyTurn) throws IOException {
        this.machine = stateMachine;
        this.everyTurn = everyTurn;
        channel = DatagramChannel.open(bind.getAddress() instanceof java.net.Inet6Address
                ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        channel.setOption(StandardSocketOptions.SO_REUSEADDR, true);
        // Adverts are tiny, but must not queue behind anything: mark them like VRRP (DSCP CS6).
        channel.setOption(StandardSocketOptions.IP_TOS, 0xc0);
        channel.bind(bind);
        channel.connect(peer);
        channel.configureBlocking(false);
        selector = Selector.open();
        channel.register(selector, SelectionKey.OP_READ);
        running = true;
        long now = nowMs();
        machine.start(now);
        nextAdvertMs = now;
        thread = new Thread(this::loop, "sipfront-ha-heartbeat");
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        thread.start();
    }

    /** Runs {@code command} on the heartbeat thread with the current time, soon. */
    void execute(LongConsumer command) {
        commands.add(command);
        Selector s = selector;
        if (s != null) {
            s.wakeup();
        }
    }

    /** Makes the loop send an advert at its next turn (called on the heartbeat thread). */
    void advertSoon() {
        nextAdvertMs = Long.MIN_VALUE;
    }

    private void loop() {
        ByteBuffer buffer = ByteBuffer.allocate(AdvertCodec.MAX_BYTES + 1);
        while (running) {
            try {
                long now = nowMs();
                if (now >= nextAdvertMs) {
                    send(now);
                    nextAdvertMs = now + (machine.masterOverdue(now, overdueAfterMs()) ? probeIntervalMs()
                            : advertIntervalMs);
                }
                // At least once per advert interval, so tracked checks are read that often; and at the moment the
                // master's next advert is overdue, to start probing.
                long overdueAt = machine.lastPeerAdvertAtMs() + overdueAfterMs() + 1;
                long wake = Math.min(nextAdvertMs, machine.nextDeadline(now));
                if (overdueAt > now) {
                    wake = Math.min(wake, overdueAt);
                } else if (machine.masterOverdue(now, overdueAfterMs())) {
                    wake = Math.min(wake, Math.max(now, lastSentMs + probeIntervalMs()));
                    nextAdvertMs = Math.min(nextAdvertMs, lastSentMs + probeIntervalMs());
                }
                long wait = wake - now;
                if (wait > 0) {
                    selector.select(wait);
                } else {
                    selector.selectNow();
                }
                selector.selectedKeys().clear();
                receiveAll(buffer);
                now = nowMs();
                LongConsumer command;
                while ((command = commands.poll()) != null) {
                    command.accept(now);
                }
                everyTurn.accept(now);
                machine.onTick(now);
            } catch (IOException | RuntimeException e) {
                if (running) {
                    log.error("heartbeat: unexpected error, continuing", e);
                }
            }
        }
    }

    private void receiveAll(ByteBuffer buffer) throws IOException {
        while (true) {
            buffer.clear();
            try {
                if (channel.receive(buffer) == null) {
                    return;
                }
            } catch (PortUnreachableException e) {
                peerUnreachable();
                continue;
            }
            buffer.flip();
            handle(buffer.array(), buffer.limit());
        }
    }

    private void handle(byte[] data, int length) {
        metrics.advertsReceived.increment();
        try {
            Advert advert = codec.decode(data, length);
            if (advert.nodeId().equals(nodeId)) {
                throw new BadAdvertException(BadAdvertException.Reason.WRONG_SENDER,
                        "advert carries our own node id " + nodeId);
            }
            if (!replayGuard.accept(advert.bootEpoch(), advert.sequence())) {
                throw new BadAdvertException(BadAdvertException.Reason.REPLAY, "epoch " + advert.bootEpoch()
                        + " sequence " + advert.sequence() + " is not newer than the last accepted");
            }
            metrics.advertAccepted(nowMs());
            machine.onPeerAdvert(advert, nowMs());
        } catch (BadAdvertException e) {
            metrics.rejected(e.reason());
            log.warn("heartbeat: dropped a datagram from {}: {}", peer, e.getMessage());
        }
    }

    private void peerUnreachable() {
        metrics.peerUnreachable.increment();
        machine.onPeerUnreachable(nowMs());
    }

    /** The master's advert counts as late after one interval and a tenth (adverts jitter by about a millisecond). */
    private long overdueAfterMs() {
        return advertIntervalMs + Math.max(5, advertIntervalMs / 10);
    }

    /** Probe spacing while the master is late: five adverts per interval. */
    private long probeIntervalMs() {
        return Math.max(1, advertIntervalMs / 5);
    }

    private void send(long now) {
        lastSentMs = now;
        Advert advert = new Advert(nodeId, machine.advertisedPriority(), machine.state(), bootEpoch, ++sequence);
        try {
            channel.write(ByteBuffer.wrap(codec.encode(advert)));
            metrics.advertsSent.increment();
        } catch (PortUnreachableException e) {
            peerUnreachable(); // an earlier advert's ICMP answer, reported on this write
        } catch (IOException e) {
            // No route while the link is down: the peer's silence is what counts, not this error.
            metrics.sendErrors.increment();
            log.debug("heartbeat: send failed: {}", e.toString());
        }
    }

    /** Sends one advert at once from the calling thread's point of view (used by the stop sequence). */
    void sendNow() {
        send(nowMs());
    }

    long nowMs() {
        return TimeUnit.NANOSECONDS.toMillis(clock.nanoTime());
    }

    @Override
    public void close() {
        running = false;
        if (selector != null) {
            selector.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(1000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        try {
            if (selector != null) {
                selector.close();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            log.debug("heartbeat: close: {}", e.toString());
        }
    }
}
