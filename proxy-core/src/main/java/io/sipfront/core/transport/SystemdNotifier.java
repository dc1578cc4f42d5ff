package io.sipfront.core.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.epoll.EpollDomainDatagramChannel;
import io.netty.channel.unix.DomainDatagramPacket;
import io.netty.channel.unix.DomainSocketAddress;
import io.netty.util.concurrent.Future;
import io.netty.util.concurrent.ImmediateEventExecutor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd about the service's state ({@code sd_notify} protocol): {@code READY=1} once the listeners
 * are bound, {@code WATCHDOG=1} from a real liveness check, {@code STOPPING=1} when draining starts.
 *
 * <p>The messages are datagrams on the AF_UNIX socket named by {@code $NOTIFY_SOCKET}. The JDK cannot send
 * AF_UNIX datagrams (JDK-8297837), so this uses Netty's {@link EpollDomainDatagramChannel}; spawning
 * {@code systemd-notify} instead is racy (systemd#2739: the message may come from a process that already
 * exited, and systemd then cannot attribute it to the service). A leading {@code @} names a socket in the
 * abstract namespace.
 *
 * <p>A no-op when {@code NOTIFY_SOCKET} is unset (not started by systemd, or not {@code Type=notify}) or
 * epoll is unavailable.
 */
public final class SystemdNotifier implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SystemdNotifier.class);

    public static final String NOTIFY_SOCKET = "NOTIFY_SOCKET";
    public static final String WATCHDOG_USEC = "WATCHDOG_USEC";
    public static final String WATCHDOG_PID = "WATCHDOG_PID";

    private final Channel channel;
    private final DomainSocketAddress target;
    private final Duration watchdogTimeout;

    private SystemdNotifier(Channel channel, DomainSocketAddress target, Duration watchdogTimeout) {
        this.channel = channel;
        this.target = target;
        this.watchdogTimeout = watchdogTimeout;
    }

    /** From {@code $NOTIFY_SOCKET} and {@code $WATCHDOG_USEC}; sends from one of {@code loops}. */
    public static SystemdNotifier fromEnvironment(TransportEventLoops loops) {
        return create(System.getenv(NOTIFY_SOCKET), loops,
                watchdogTimeout(System.getenv(WATCHDOG_USEC), System.getenv(WATCHDOG_PID)));
    }

    /**
     * For an explicit socket: a file-system path, or {@code @name} for the abstract namespace; {@code null}
     * or empty gives a no-op notifier.
     */
    public static SystemdNotifier create(String notifySocket, TransportEventLoops loops) {
        return create(notifySocket, loops, null);
    }

    @SuppressWarnings("deprecation") // DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, see below
    private static SystemdNotifier create(String notifySocket, TransportEventLoops loops, Duration watchdog) {
        if (notifySocket == null || notifySocket.isEmpty()) {
            return disabled();
        }
        if (!notifySocket.startsWith("/") && !notifySocket.startsWith("@")) {
            // e.g. systemd 254+'s "vsock:CID:PORT", for services in VMs: not an AF_UNIX socket.
            log.warn("{}={} is not an AF_UNIX socket; systemd notifications disabled", NOTIFY_SOCKET, notifySocket);
            return disabled();
        }
        if (!loops.isEpoll()) {
            // With Type=notify systemd will time the start-up out: say why.
            log.warn("{} is set but the epoll transport is unavailable; cannot notify systemd", NOTIFY_SOCKET);
            return disabled();
        }
        // Abstract namespace: the name starts with a NUL byte, and Netty passes the bytes through as they are.
        String path = notifySocket.startsWith("@") ? '\0' + notifySocket.substring(1) : notifySocket;
        Channel channel = new Bootstrap()
                .group(loops.loops().get(0))
                .channel(EpollDomainDatagramChannel.class)
                // Never bound nor connected (each datagram names its recipient, as sd_notify does): without this
                // Netty treats the channel as inactive and fails writes. Deprecated for Netty 5, where the
                // channel API changes anyway; in 4.1 it is the way to write from an unbound datagram channel.
                .option(ChannelOption.DATAGRAM_CHANNEL_ACTIVE_ON_REGISTRATION, true)
                .handler(new ChannelInboundHandlerAdapter())
                .register()
                .syncUninterruptibly()
                .channel();
        return new SystemdNotifier(channel, new DomainSocketAddress(path), watchdog);
    }

    private static SystemdNotifier disabled() {
        return new SystemdNotifier(null, null, null);
    }

    /** False for the no-op notifier. */
    public boolean isEnabled() {
        return channel != null;
    }

    /**
     * How often systemd expects {@code WATCHDOG=1} (send at half this), or {@code null} when the watchdog is
     * off or meant for another process.
     */
    public Duration watchdogTimeout() {
        return watchdogTimeout;
    }

    /** {@code READY=1}: start-up finished, the listeners are bound. */
    public Future<Void> ready() {
        return notify("READY=1");
    }

    /** {@code STOPPING=1}: shutting down (draining). */
    public Future<Void> stopping() {
        return notify("STOPPING=1");
    }

    /** {@code WATCHDOG=1}: still alive. Send it only after a real liveness check passed. */
    public Future<Void> watchdog() {
        return notify("WATCHDOG=1");
    }

    /** {@code STATUS=...}: a one-line status shown by {@code systemctl status}. */
    public Future<Void> status(String text) {
        return notify("STATUS=" + text.replace('\n', ' '));
    }

    /**
     * Sends one state datagram. The future completes when it was handed to the kernel (or failed: logged,
     * never thrown, since systemd being away must not stop the proxy).
     */
    public Future<Void> notify(String state) {
        if (channel == null) {
            return ImmediateEventExecutor.INSTANCE.newSucceededFuture(null);
        }
        ChannelFuture sent = channel.writeAndFlush(new DomainDatagramPacket(
                Unpooled.copiedBuffer(state, StandardCharsets.UTF_8), target));
        sent.addListener(f -> {
            if (!f.isSuccess()) {
                log.warn("cannot notify systemd ({}): {}", state, f.cause().toString());
            }
        });
        return sent;
    }

    @Override
    public void close() {
        if (channel != null) {
            channel.close().syncUninterruptibly();
        }
    }

    static Duration watchdogTimeout(String usec, String pid) {
        if (usec == null || usec.isEmpty()) {
            return null;
        }
        try {
            if (pid != null && !pid.isEmpty() && Long.parseLong(pid.trim()) != ProcessHandle.current().pid()) {
                return null; // the watchdog is for another process (e.g. a wrapper script)
            }
            long micros = Long.parseLong(usec.trim());
            return micros > 0 ? Duration.ofNanos(Math.multiplyExact(micros, 1000L)) : null;
        } catch (NumberFormatException | ArithmeticException e) {
            log.warn("ignoring unparseable {}={}", WATCHDOG_USEC, usec);
            return null;
        }
    }
}
