package io.sipfront.core.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoop;
import io.netty.channel.group.ChannelGroup;
import io.netty.util.concurrent.EventExecutor;
import io.sipfront.net.Transport;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Every open TCP connection by remote address (inbound and outbound alike), and the connections being
 * opened. Sending to an address reuses an open connection, else joins or starts a connection attempt:
 * messages wait in order for it, and if it fails each of them is reported failed exactly once, which is how
 * the proxy learns within milliseconds that a peer's port is closed and fails over.
 */
final class TcpConnections {
    private static final Logger log = LoggerFactory.getLogger(TcpConnections.class);

    /** Most messages waiting for one connection attempt; beyond it they fail at once instead of piling up. */
    static final int MAX_QUEUED_PER_CONNECT = 1_000;

    private final TransportEventLoops loops;
    private final TransportStats stats;
    private final Bootstrap clientBootstrap;
    private final StreamPipeline pipeline;
    private final ChannelGroup allChannels;
    /** Our local address (IP, port 0) to bind before connecting to a peer; null lets the kernel choose. */
    private final Function<InetAddress, InetSocketAddress> localAddressFor;
    /** TCP or TLS: which connections this table holds. */
    private final Transport transport;
    /** For TLS, the handshake layer; null for TCP. */
    private final TlsTransport tls;

    private final ConcurrentHashMap<InetSocketAddress, TcpFlow> open = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<InetSocketAddress, PendingConnection> connecting = new ConcurrentHashMap<>();
    private volatile boolean closed;

    TcpConnections(TransportEventLoops loops, TransportStats stats, Bootstrap clientBootstrap,
                   StreamPipeline pipeline, ChannelGroup allChannels,
                   Function<InetAddress, InetSocketAddress> localAddressFor) {
        this(loops, stats, clientBootstrap, pipeline, allChannels, localAddressFor, null);
    }

    /** With {@code tls} non-null, the table of TLS connections: each one we open starts with a verified handshake. */
    TcpConnections(TransportEventLoops loops, TransportStats stats, Bootstrap clientBootstrap,
                   StreamPipeline pipeline, ChannelGroup allChannels,
                   Function<InetAddress, InetSocketAddress> localAddressFor, TlsTransport tls) {
        this.transport = tls == null ? Transport.TCP : Transport.TLS;
        this.tls = tls;
        this.loops = loops;
        this.stats = stats;
        this.clientBootstrap = clientBootstrap;
        this.pipeline = pipeline;
        this.allChannels = allChannels;
        this.localAddressFor = localAddressFor;
    }

    /** Makes an open connection reusable by its remote address until it closes. */
    void register(TcpFlow flow) {
        open.put(flow.remote(), flow);
        flow.channel().closeFuture().addListener(f -> open.remove(flow.remote(), flow));
    }

    int openCount() {
        return open.size();
    }

    void send(OutboundTarget target, byte[] bytes, SendFailureListener onFailure) {
        if (target.flow() instanceof TcpFlow && target.flow().isOpen()) {
            write((TcpFlow) target.flow(), target, bytes, onFailure);
            return;
        }
        InetSocketAddress address = target.address();
        TcpFlow reusable = openFlowTo(address);
        if (reusable != null) {
            write(reusable, target, bytes, onFailure);
            return;
        }
        PendingConnection fresh = new PendingConnection(address, target.verifiedName());
        PendingConnection joined = connecting.putIfAbsent(address, fresh);
        if (joined != null) {
            joined.enqueue(target, bytes, onFailure);
            return;
        }
        fresh.enqueue(target, bytes, onFailure);
        // A connection may have come up between the look-up above and putIfAbsent: use it rather than
        // opening a second one (a completing attempt registers its flow before leaving `connecting`).
        TcpFlow raced = openFlowTo(address);
        if (raced != null) {
            connecting.remove(address, fresh);
            fresh.connected(raced);
            return;
        }
        connect(fresh);
    }

    private TcpFlow openFlowTo(InetSocketAddress address) {
        TcpFlow flow = open.get(address);
        return flow != null && flow.isOpen() ? flow : null;
    }

    /**
     * Writes one message on a connection. A connection whose write buffer is above the high water mark is
     * not writable: the message fails at once rather than queueing without bound behind a peer that stopped
     * reading (the proxy then treats it like any other send failure).
     */
    void write(TcpFlow flow, OutboundTarget target, byte[] bytes, SendFailureListener onFailure) {
        Channel channel = flow.channel();
        if (!channel.isActive()) {
            SendOutcome.fail(executorFor(channel), stats, target, onFailure,
                    new ClosedChannelException());
            return;
        }
        if (!channel.isWritable()) {
            SendOutcome.fail(executorFor(channel), stats, target, onFailure,
                    new IOException("TCP write buffer to " + flow.remote() + " is full"));
            return;
        }
        channel.writeAndFlush(Unpooled.wrappedBuffer(bytes))
                .addListener(new SendOutcome(target, onFailure, stats, stats.streamMessagesSent));
    }

    private void connect(PendingConnection pending) {
        InetSocketAddress remote = pending.remote;
        if (closed) {
            connecting.remove(remote, pending);
            pending.failed(new ClosedChannelException());
            return;
        }
        // From an event loop, open the connection on that same loop: the call's lane then writes to it
        // without a thread hop.
        EventLoop current = loops.currentLoop();
        Bootstrap bootstrap = clientBootstrap.clone(current != null ? current : loops.group().next())
                .handler(new ChannelInitializer<Channel>() {
                    @Override
                    protected void initChannel(Channel channel) {
                        allChannels.add(channel);
                        if (tls != null) {
                            tls.secureOutbound(channel, remote, pending.name);
                        }
                        pipeline.configure(channel, new TcpFlow(channel, remote, true, transport));
                    }
                });
        InetSocketAddress local = localAddressFor.apply(remote.getAddress());
        ChannelFuture attempt = local != null ? bootstrap.connect(remote, local) : bootstrap.connect(remote);
        attempt.addListener((ChannelFuture done) -> {
            if (done.isSuccess() && !closed) {
                stats.connectionsOpened.increment();
                if (tls == null) {
                    connected(pending, done.channel());
                } else {
                    // Nothing is written before the peer is verified: a failed handshake fails every queued message.
                    TlsTransport.handshake(done.channel()).addListener(handshake -> {
                        if (handshake.isSuccess()) {
                            tls.established(done.channel(), pending.name);
                            connected(pending, done.channel());
                        } else {
                            done.channel().close();
                            connecting.remove(remote, pending);
                            pending.failed(tls.failure(pending.name, remote, handshake.cause()));
                        }
                    });
                }
            } else {
                Throwable cause = done.isSuccess() ? new ClosedChannelException() : done.cause();
                if (done.isSuccess()) {
                    done.channel().close();
                } else {
                    stats.connectFailures.increment();
                    log.debug("cannot connect to {}: {}", remote, cause.toString());
                }
                connecting.remove(remote, pending);
                pending.failed(cause);
            }
        });
    }

    private void connected(PendingConnection pending, Channel channel) {
        TcpFlow flow = channel.attr(TcpFlow.KEY).get();
        register(flow);
        connecting.remove(pending.remote, pending);
        pending.connected(flow);
    }

    /** Stops opening connections; attempts under way fail as their channels close. */
    void close() {
        closed = true;
        for (PendingConnection pending : connecting.values()) {
            if (connecting.remove(pending.remote, pending)) {
                pending.failed(new ClosedChannelException());
            }
        }
    }

    private EventExecutor executorFor(Channel channel) {
        EventLoop current = loops.currentLoop();
        return current != null ? current : channel.eventLoop();
    }

    private EventExecutor anyExecutor() {
        EventLoop current = loops.currentLoop();
        return current != null ? current : loops.group().next();
    }

    /**
     * Messages waiting for one connection attempt. Once the attempt ends, later arrivals go straight to the
     * connection (or fail); all of it under the lock so that queued messages are written before later ones.
     */
    private final class PendingConnection {
        final InetSocketAddress remote;
        /** The name a TLS peer must prove: the first message's; later ones to the same address share the connection. */
        final String name;
        private final ArrayDeque<Queued> queue = new ArrayDeque<>();
        private TcpFlow flow;
        private Throwable failure;

        PendingConnection(InetSocketAddress remote, String name) {
            this.remote = remote;
            this.name = name;
        }

        synchronized void enqueue(OutboundTarget target, byte[] bytes, SendFailureListener onFailure) {
            if (flow != null) {
                write(flow, target, bytes, onFailure);
            } else if (failure != null) {
                SendOutcome.fail(anyExecutor(), stats, target, onFailure, failure);
            } else if (queue.size() >= MAX_QUEUED_PER_CONNECT) {
                SendOutcome.fail(anyExecutor(), stats, target, onFailure,
                        new IOException("too many messages waiting for a TCP connection to " + remote));
            } else {
                queue.add(new Queued(target, bytes, onFailure));
            }
        }

        synchronized void connected(TcpFlow connection) {
            flow = connection;
            for (Queued queued; (queued = queue.poll()) != null; ) {
                write(connection, queued.target, queued.bytes, queued.onFailure);
            }
        }

        synchronized void failed(Throwable cause) {
            if (flow != null || failure != null) {
                return;
            }
            failure = cause;
            for (Queued queued; (queued = queue.poll()) != null; ) {
                SendOutcome.fail(anyExecutor(), stats, queued.target, queued.onFailure, cause);
            }
        }
    }

    private record Queued(OutboundTarget target, byte[] bytes, SendFailureListener onFailure) {
    }
}
