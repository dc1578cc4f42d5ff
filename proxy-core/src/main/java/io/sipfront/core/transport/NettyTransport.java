package io.sipfront.core.transport;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoop;
import io.netty.channel.FixedRecvByteBufAllocator;
import io.netty.channel.WriteBufferWaterMark;
import io.netty.channel.epoll.EpollChannelOption;
import io.netty.channel.epoll.EpollMode;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.socket.DatagramPacket;
import io.netty.channel.socket.SocketChannel;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.GlobalEventExecutor;
import io.sipfront.config.LimitSettings;
import io.sipfront.config.ListenAddress;
import io.sipfront.config.SipSettings;
import io.sipfront.net.Transport;
import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.nio.channels.ClosedChannelException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The UDP and TCP transports on Netty: binds every listen address, delivers every framed inbound message to
 * the {@link MessageSink} on the event loop that read it, and sends messages ({@link SipSender}).
 *
 * <p>UDP: with epoll, each listen address is bound once per event loop with {@code SO_REUSEPORT} (one Netty
 * UDP channel is served by exactly one thread, netty#1706; the kernel spreads datagrams over the sockets by
 * a hash of the peer's address, so one peer's datagrams stay on one loop and in order). With NIO, one
 * channel per address. Datagrams go out through the listen socket, so they leave from the listen port.
 *
 * <p>TCP: each connection, inbound or outbound, is a {@link Flow}; {@link SipStreamDecoder} frames it, an
 * idle timeout closes silent ones, and a per-source-IP limit caps inbound ones. Sending to an address reuses
 * any open connection to it, else opens one from our TCP listen IP.
 *
 * <p>The event loops belong to the caller: {@link #close()} closes the sockets, not the loops.
 */
public final class NettyTransport implements SipSender, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(NettyTransport.class);

    /**
     * A TCP connection with more than this many bytes waiting to be written is not writable, and further
     * messages to it fail (see {@link SipSender#send}) until it drains below the low mark. Large enough to
     * absorb a burst on a busy trunk (a few hundred messages), small enough that a peer that stops reading
     * costs a bounded amount of memory.
     */
    public static final int WRITE_BUFFER_HIGH_WATER_MARK = 1024 * 1024;
    public static final int WRITE_BUFFER_LOW_WATER_MARK = 256 * 1024;
    /** How long an outbound TCP connect may take; a refused port fails at once, a silent one after this. */
    public static final int TCP_CONNECT_TIMEOUT_MS = 3_000;
    /** Pending inbound connections the kernel queues per TCP listen socket. */
    static final int TCP_ACCEPT_BACKLOG = 1024;
    /** Read-buffer budget per epoll UDP read: up to this many bytes of datagrams per recvmmsg call. */
    static final int RECVMMSG_BUFFER_BYTES = 256 * 1024;
    static final int RECVMMSG_MAX_DATAGRAMS = 16;

    private final SipSettings sip;
    private final LimitSettings limits;
    private final TransportEventLoops loops;
    private final TransportStats stats = new TransportStats();
    private final SafeSink sink;
    private final ChannelGroup allChannels = new DefaultChannelGroup("sip-transport", GlobalEventExecutor.INSTANCE);
    private final SourceConnectionLimiter sourceLimiter;
    private final StreamPipeline streamPipeline;
    private final TcpConnections tcp;
    /** TLS connections, when the daemon has a {@code tls} setup; null otherwise (TLS targets then fail). */
    private final TcpConnections tls;
    private final TlsTransport tlsLayer;
    // Written while start() binds, read by send(): a message may arrive, and be answered from an event loop,
    // before start() has returned.
    private final List<UdpListener> udpListeners = new CopyOnWriteArrayList<>();
    private final List<ListenAddress> tcpListeners = new CopyOnWriteArrayList<>();
    private final List<ListenAddress> boundAddresses = new CopyOnWriteArrayList<>();
    private volatile UdpListener udpV4;
    private volatile UdpListener udpV6;
    private final AtomicBoolean closed = new AtomicBoolean();
    private boolean freebind;

    private NettyTransport(SipSettings sip, LimitSettings limits, TransportEventLoops loops, MessageSink sink,
                           TlsTransport tlsLayer) {
        this.sip = sip;
        this.limits = limits;
        this.loops = loops;
        this.sink = new SafeSink(sink);
        this.sourceLimiter = new SourceConnectionLimiter(limits.maxConnectionsPerSource());
        this.streamPipeline = new StreamPipeline(limits.maxMessageBytes(), limits.tcpIdleTimeoutMs(), this.sink, stats);
        Bootstrap client = new Bootstrap()
                .channel(loops.socketChannelClass())
                .option(ChannelOption.TCP_NODELAY, true)
                .option(ChannelOption.CONNECT_TIMEOUT_MILLIS, TCP_CONNECT_TIMEOUT_MS)
                .option(ChannelOption.WRITE_BUFFER_WATER_MARK, writeBufferWaterMark());
        this.tcp = new TcpConnections(loops, stats, client, streamPipeline, allChannels, this::tcpLocalAddressFor);
        this.tlsLayer = tlsLayer;
        this.tls = tlsLayer == null ? null : new TcpConnections(loops, stats, client, streamPipeline, allChannels,
                this::tcpLocalAddressFor, tlsLayer);
    }

    /**
     * Binds every listen address of {@code sip} and starts delivering messages to {@code sink}. Blocks until
     * all are bound; call it at start-up, not from an event loop.
     *
     * @throws BindFailedException naming the first address that could not be bound (nothing stays bound)
     */
    public static NettyTransport start(SipSettings sip, LimitSettings limits, TransportEventLoops loops,
                                       MessageSink sink) {
        return start(sip, limits, loops, sink, false);
    }

    /**
     * @param freebind bind the listen addresses with {@code IP_FREEBIND} (epoll only), so a node binds a floating
     *                 VIP it does not hold yet; {@code net.ipv4.ip_nonlocal_bind=1} is the system-wide alternative
     */
    public static NettyTransport start(SipSettings sip, LimitSettings limits, TransportEventLoops loops,
                                       MessageSink sink, boolean freebind) {
        return start(sip, limits, loops, sink, freebind, null);
    }

    /**
     * @param tls the TLS contexts for {@code tls:} listeners and TLS destinations; null: no TLS (a {@code tls:}
     *            listener is then refused)
     */
    public static NettyTransport start(SipSettings sip, LimitSettings limits, TransportEventLoops loops,
                                       MessageSink sink, boolean freebind, TlsTransport tls) {
        if (freebind && !loops.isEpoll()) {
            throw new IllegalStateException("IP_FREEBIND needs the epoll transport, which is not available here");
        }
        NettyTransport transport = new NettyTransport(sip, limits, loops, sink, tls);
        transport.freebind = freebind;
        try {
            for (ListenAddress address : sip.listen()) {
                switch (address.transport()) {
                    case UDP -> transport.bindUdp(address);
                    case TCP -> transport.bindTcp(address);
                    case TLS -> transport.bindTls(address);
                    default -> throw new IllegalArgumentException("unsupported transport " + address);
                }
            }
        } catch (RuntimeException e) {
            transport.close();
            throw e;
        }
        log.info("SIP transport bound {} ({} event loops, {})", transport.boundAddresses, loops.size(),
                loops.isEpoll() ? "epoll" : "nio");
        return transport;
    }

    /** The listen addresses as bound, in configuration order, with the actual ports (port 0 resolved). */
    public List<ListenAddress> boundAddresses() {
        return List.copyOf(boundAddresses);
    }

    public TransportStats stats() {
        return stats;
    }

    /** Every UDP listen socket is still open and the transport not closed: what HA tracks as "SIP listener up". */
    public boolean isListening() {
        return !closed.get() && udpListeners.stream().allMatch(UdpListener::isOpen);
    }

    /**
     * RFC 5626 CRLF keep-alives on the TCP connections we open from now on, every {@code seconds} of writing nothing
     * (0: none); such a connection is then closed when the peer has sent nothing, not even a pong, for the idle
     * timeout.
     */
    public void sendKeepAlives(int seconds) {
        streamPipeline.sendKeepAlives(seconds * 1000L);
    }

    /** TCP connections currently open (inbound and outbound). */
    public int openConnections() {
        return tcp.openCount();
    }

    @Override
    public void send(OutboundTarget target, byte[] bytes, SendFailureListener onFailure) {
        SendFailureListener listener = onFailure != null ? onFailure : SendFailureListener.IGNORE;
        if (closed.get()) {
            SendOutcome.fail(anyExecutor(), stats, target, listener, new ClosedChannelException());
            return;
        }
        if (target.address().isUnresolved()) {
            SendOutcome.fail(anyExecutor(), stats, target, listener,
                    new IllegalArgumentException("unresolved target address " + target.address()));
            return;
        }
        switch (target.transport()) {
            case UDP -> sendUdp(target, bytes, listener);
            case TCP -> tcp.send(target, bytes, listener);
            case TLS -> {
                if (tls != null) {
                    tls.send(target, bytes, listener);
                } else {
                    SendOutcome.fail(anyExecutor(), stats, target, listener,
                            new IllegalStateException("TLS is not set up (no tls section)"));
                }
            }
            default -> SendOutcome.fail(anyExecutor(), stats, target, listener,
                    new IllegalArgumentException("unsupported transport " + target.transport()));
        }
    }

    private void sendUdp(OutboundTarget target, byte[] bytes, SendFailureListener onFailure) {
        InetSocketAddress address = target.address();
        UdpListener listener = address.getAddress() instanceof Inet4Address ? udpV4 : udpV6;
        if (listener == null) {
            SendOutcome.fail(anyExecutor(), stats, target, onFailure, new IOException(
                    "no UDP listen address of the family of " + address.getAddress().getHostAddress()));
            return;
        }
        Channel channel = listener.channelFor(loops.currentLoopIndex(), address);
        channel.writeAndFlush(new DatagramPacket(Unpooled.wrappedBuffer(bytes), address))
                .addListener(new SendOutcome(target, onFailure, stats, stats.datagramsSent));
    }

    /**
     * Closes every socket and connection and waits (up to a few seconds) for them to close. Messages still
     * waiting for a TCP connection are reported failed. The event loops keep running. Idempotent. Call it
     * from outside the event loops (it waits for them).
     */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        tcp.close();
        if (tls != null) {
            tls.close();
        }
        if (!allChannels.close().awaitUninterruptibly(5, TimeUnit.SECONDS)) {
            log.warn("SIP transport sockets did not all close within 5 s");
        }
    }

    // ---- UDP ----------------------------------------------------------------------------------------------

    private void bindUdp(ListenAddress address) {
        int readBufferBytes = limits.maxMessageBytes() + 1; // one byte more than allowed: reveals truncation
        List<EventLoop> eventLoops = loops.loops();
        Channel[] byLoop = new Channel[eventLoops.size()];
        if (loops.isEpoll()) {
            if (address.port() != 0) {
                if (freebind) {
                    ensureNoOtherFreebindSocketOn(address, eventLoops.get(0));
                } else {
                    ensureNoOtherSocketOn(address);
                }
            }
            int datagramsPerRead = Math.max(1, Math.min(RECVMMSG_MAX_DATAGRAMS,
                    RECVMMSG_BUFFER_BYTES / readBufferBytes));
            InetSocketAddress bindTo = address.socketAddress();
            for (int i = 0; i < byLoop.length; i++) {
                Bootstrap bootstrap = udpBootstrap(eventLoops.get(i), readBufferBytes * datagramsPerRead)
                        .option(EpollChannelOption.SO_REUSEPORT, true)
                        // Level-triggered, so that reading once per wake-up (udpBootstrap) loses nothing:
                        // epoll_wait reports the socket again while datagrams are queued.
                        .option(EpollChannelOption.EPOLL_MODE, EpollMode.LEVEL_TRIGGERED);
                if (datagramsPerRead > 1) {
                    // recvmmsg: several datagrams per system call, each in a slot of readBufferBytes.
                    bootstrap.option(EpollChannelOption.MAX_DATAGRAM_PAYLOAD_SIZE, readBufferBytes);
                }
                byLoop[i] = bind(bootstrap, bindTo, address);
                // With port 0 the first bind picks the port; the others join it.
                bindTo = (InetSocketAddress) byLoop[0].localAddress();
            }
        } else {
            // Spread the NIO listeners over the loops rather than piling them all on loop 0.
            EventLoop loop = eventLoops.get(udpListeners.size() % eventLoops.size());
            Channel channel = bind(udpBootstrap(loop, readBufferBytes), address.socketAddress(), address);
            Arrays.fill(byLoop, channel);
        }
        warnIfReceiveBufferCapped(byLoop[0], address);
        ListenAddress bound = withPort(address, ((InetSocketAddress) byLoop[0].localAddress()).getPort());
        udpListeners.add(new UdpListener(bound, byLoop));
        boundAddresses.add(bound);
        udpV6 = preferredUdp(false);
        udpV4 = preferredUdp(true);
    }

    private Bootstrap udpBootstrap(EventLoop loop, int readBufferBytes) {
        Bootstrap bootstrap = new Bootstrap()
                .group(loop)
                .channel(loops.datagramChannelClass())
                .option(ChannelOption.SO_RCVBUF, sip.udpReceiveBufferBytes())
                // Netty's default allocator hands UDP reads 2,048 bytes: a 6 KB INVITE would arrive truncated.
                // One read (one recvmmsg on epoll) per wake-up, then back to the poll: reading on until the
                // socket is empty costs a second system call that finds nothing on almost every wake-up at
                // moderate load (with Netty's getsockopt before each read, a sixth of the loops' system calls).
                .option(ChannelOption.RCVBUF_ALLOCATOR,
                        new FixedRecvByteBufAllocator(readBufferBytes).maxMessagesPerRead(1))
                .handler(new DatagramReceiver(limits.maxMessageBytes(), sink, stats));
        return freebind ? bootstrap.option(EpollChannelOption.IP_FREEBIND, true) : bootstrap;
    }

    /**
     * PROTOCOL RISK: with {@code SO_REUSEPORT}, a second process of the same user (an old instance still
     * running, a second copy started by mistake) binds the same port without error, and the kernel then
     * splits the datagrams between the two processes, each seeing half of every call's transactions. Probing
     * with a plain socket (no {@code SO_REUSEPORT}) first turns that into "Address already in use".
     */
    private static void ensureNoOtherSocketOn(ListenAddress address) {
        StandardProtocolFamily family = address.address() instanceof Inet4Address
                ? StandardProtocolFamily.INET : StandardProtocolFamily.INET6;
        try (java.nio.channels.DatagramChannel probe = java.nio.channels.DatagramChannel.open(family)) {
            probe.bind(address.socketAddress());
        } catch (IOException e) {
            throw new BindFailedException(address, e);
        }
    }

    /** The same probe through epoll, since the JDK cannot bind an address this host does not hold yet. */
    private void ensureNoOtherFreebindSocketOn(ListenAddress address, EventLoop loop) {
        ChannelFuture probe = new Bootstrap().group(loop).channel(loops.datagramChannelClass())
                .option(EpollChannelOption.IP_FREEBIND, true)
                .handler(new io.netty.channel.ChannelInboundHandlerAdapter())
                .bind(address.socketAddress()).awaitUninterruptibly();
        if (!probe.isSuccess()) {
            throw new BindFailedException(address, probe.cause());
        }
        probe.channel().close().awaitUninterruptibly();
    }

    private void warnIfReceiveBufferCapped(Channel channel, ListenAddress address) {
        // Linux doubles the value asked for (bookkeeping overhead) and caps it at net.core.rmem_max.
        int granted = channel.config().getOption(ChannelOption.SO_RCVBUF);
        if (granted < sip.udpReceiveBufferBytes()) {
            log.warn("{}: asked for a {} byte UDP receive buffer, the kernel granted {};"
                            + " raise net.core.rmem_max or datagrams will be lost under load",
                    address, sip.udpReceiveBufferBytes(), granted);
        }
    }

    /**
     * For sending over UDP to one address family: a listener of that family, a non-wildcard one first. With
     * no IPv4 listener, IPv4 targets go through an IPv6 wildcard socket, which is dual-stack unless the
     * host sets {@code net.ipv6.bindv6only} (the datagram then leaves from a v4-mapped address).
     */
    private UdpListener preferredUdp(boolean ipv4) {
        UdpListener wildcard = null;
        for (UdpListener listener : udpListeners) {
            if (listener.isIpv4() == ipv4) {
                if (!listener.isWildcard()) {
                    return listener;
                }
                if (wildcard == null) {
                    wildcard = listener;
                }
            }
        }
        if (wildcard == null && ipv4) {
            for (UdpListener listener : udpListeners) {
                if (!listener.isIpv4() && listener.isWildcard()) {
                    return listener;
                }
            }
        }
        return wildcard;
    }

    // ---- TCP ----------------------------------------------------------------------------------------------

    private void bindTcp(ListenAddress address) {
        bindStream(address, channel -> acceptInbound(channel, Transport.TCP));
    }

    private void bindTls(ListenAddress address) {
        if (tlsLayer == null || !tlsLayer.hasServer()) {
            throw new BindFailedException(address,
                    new IllegalStateException("a tls: listener needs tls.certificate and tls.private_key"));
        }
        bindStream(address, channel -> acceptInbound(channel, Transport.TLS));
    }

    private void bindStream(ListenAddress address, java.util.function.Consumer<SocketChannel> accept) {
        ServerBootstrap bootstrap = new ServerBootstrap()
                .group(loops.group())
                .channel(loops.serverSocketChannelClass())
                .option(ChannelOption.SO_BACKLOG, TCP_ACCEPT_BACKLOG)
                .option(ChannelOption.SO_REUSEADDR, true)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childOption(ChannelOption.WRITE_BUFFER_WATER_MARK, writeBufferWaterMark())
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel channel) {
                        accept.accept(channel);
                    }
                });
        if (freebind) {
            bootstrap.option(EpollChannelOption.IP_FREEBIND, true);
        }
        ChannelFuture bind = bootstrap.bind(address.socketAddress()).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            throw new BindFailedException(address, bind.cause());
        }
        allChannels.add(bind.channel());
        ListenAddress bound = withPort(address, ((InetSocketAddress) bind.channel().localAddress()).getPort());
        tcpListeners.add(bound);
        boundAddresses.add(bound);
    }

    private void acceptInbound(SocketChannel channel, Transport transport) {
        InetSocketAddress remote = channel.remoteAddress();
        InetAddress source = remote.getAddress();
        if (!sourceLimiter.tryAcquire(source)) {
            stats.connectionsRejected.increment();
            log.debug("refusing a TCP connection from {}: already {} open from that address",
                    remote, limits.maxConnectionsPerSource());
            channel.close();
            return;
        }
        channel.closeFuture().addListener(f -> sourceLimiter.release(source));
        stats.connectionsAccepted.increment();
        allChannels.add(channel);
        TcpFlow flow = new TcpFlow(channel, remote, false, transport);
        if (transport == Transport.TLS) {
            tlsLayer.secureInbound(channel);
        }
        streamPipeline.configure(channel, flow);
        (transport == Transport.TLS ? tls : tcp).register(flow);
    }

    /** Local side for an outbound connection: our TCP listen IP of that family (port 0), so peers see it. */
    private InetSocketAddress tcpLocalAddressFor(InetAddress remote) {
        boolean ipv4 = remote instanceof Inet4Address;
        for (ListenAddress listen : tcpListeners) {
            if ((listen.address() instanceof Inet4Address) == ipv4 && !listen.address().isAnyLocalAddress()) {
                return new InetSocketAddress(listen.address(), 0);
            }
        }
        return null; // only wildcard (or no) TCP listeners: the kernel picks the source address by route
    }

    // ---- helpers ------------------------------------------------------------------------------------------

    private Channel bind(Bootstrap bootstrap, InetSocketAddress bindTo, ListenAddress configured) {
        ChannelFuture bind = bootstrap.bind(bindTo).awaitUninterruptibly();
        if (!bind.isSuccess()) {
            throw new BindFailedException(configured, bind.cause());
        }
        allChannels.add(bind.channel());
        return bind.channel();
    }

    private static WriteBufferWaterMark writeBufferWaterMark() {
        return new WriteBufferWaterMark(WRITE_BUFFER_LOW_WATER_MARK, WRITE_BUFFER_HIGH_WATER_MARK);
    }

    private static ListenAddress withPort(ListenAddress address, int port) {
        return new ListenAddress(address.transport(), address.address(), port);
    }

    private EventExecutor anyExecutor() {
        EventLoop current = loops.currentLoop();
        return current != null ? current : loops.group().next();
    }
}
