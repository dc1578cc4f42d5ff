package io.sipfront.core.transport;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.timeout.IdleState;
import io.netty.handler.timeout.IdleStateEvent;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.AttributeKey;
import io.netty.util.concurrent.Future;
import io.sipfront.core.tls.PeerCertificateGauges;
import io.sipfront.core.tls.ReloadableSslContext;
import io.sipfront.core.tls.TlsContextFactory;
import io.sipfront.core.tls.TlsFailures;
import io.sipfront.core.tls.TlsHandshakeException;
import io.sipfront.core.tls.TlsSessions;
import io.sipfront.core.tls.TlsSettings;
import io.sipfront.core.tls.TlsSetupException;
import io.sipfront.time.Clock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the transport needs for SIP over TLS: the listener's and the client's reloadable contexts, the CRLF keep-alive
 * of connections we open (RFC 5626 §3.5.1) and the certificate expiry gauges. Built off the event loops (it reads the
 * PEM files); a file that cannot be used stops start-up naming it.
 */
public final class TlsTransport implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(TlsTransport.class);
    /** The TLS handler of a connection we opened, for {@link #handshake} and {@link #established}. */
    private static final AttributeKey<SslHandler> OUTBOUND_TLS = AttributeKey.valueOf("sipfront.outboundTls");
    private static final byte[] KEEP_ALIVE = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final ReloadableSslContext server;
    private final ReloadableSslContext client;
    private final long keepAliveMillis;
    private final PeerCertificateGauges peers;

    TlsTransport(ReloadableSslContext server, ReloadableSslContext client, long keepAliveMillis,
                 PeerCertificateGauges peers) {
        this.server = server;
        this.client = client;
        this.keepAliveMillis = keepAliveMillis;
        this.peers = peers;
    }

    /**
     * Loads both sides and starts watching their files on {@code poller} (not an event loop).
     *
     * @throws TlsSetupException naming the file that cannot be used
     */
    public static TlsTransport start(TlsSettings settings, Clock clock, MeterRegistry meters,
                                     ScheduledExecutorService poller) throws TlsSetupException {
        TlsContextFactory factory = TlsContextFactory.select(settings.provider());
        ReloadableSslContext server = settings.server() == null ? null
                : ReloadableSslContext.server(factory, settings.server(), clock);
        ReloadableSslContext client;
        try {
            client = ReloadableSslContext.client(factory, settings.client(), clock);
        } catch (TlsSetupException e) {
            if (server != null) {
                server.close();
            }
            throw e;
        }
        for (ReloadableSslContext side : new ReloadableSslContext[] {server, client}) {
            if (side != null) {
                side.startPolling(poller, settings.reloadCheck());
            }
        }
        if (server != null) {
            Gauge.builder("sipfront_tls_certificate_days_left", server::ownCertificateDaysLeft)
                    .description("Days until Sipfront's own TLS certificate chain expires (negative: expired)")
                    .strongReference(true)
                    .register(meters);
        }
        return new TlsTransport(server, client, settings.keepAlive().toMillis(),
                new PeerCertificateGauges(meters, clock));
    }

    boolean hasServer() {
        return server != null;
    }

    PeerCertificateGauges peers() {
        return peers;
    }

    /** The handshake comes first on a connection a peer opened to our {@code tls:} listener. */
    void secureInbound(Channel channel) {
        channel.pipeline().addFirst("tls", server.newServerHandler(channel.alloc()));
    }

    /**
     * The handshake comes first on a connection we open; the server must prove {@code name} (RFC 5922), which also
     * goes out as SNI. Keep-alives follow once the connection is up.
     */
    void secureOutbound(Channel channel, InetSocketAddress remote, String name) {
        SslHandler ssl = client.newClientHandler(channel.alloc(), name, remote.getPort());
        channel.attr(OUTBOUND_TLS).set(ssl);
        channel.pipeline().addFirst("tls", ssl);
        if (keepAliveMillis > 0) {
            channel.pipeline().addAfter("tls", "keepalive-idle",
                    new IdleStateHandler(0, keepAliveMillis, 0, TimeUnit.MILLISECONDS));
            channel.pipeline().addAfter("keepalive-idle", "keepalive", new CrlfKeepAlive());
        }
    }

    /**
     * Completes when the handshake of an outbound {@code channel} is done; fails with a {@link TlsHandshakeException}.
     * Read from the handler kept when the connection was set up, not from the pipeline: a handshake that fails at
     * once closes the channel, and a closed channel's pipeline has no handlers left by the time a connect listener
     * added from another thread runs, so the cause would be lost with the handler.
     */
    static Future<Channel> handshake(Channel channel) {
        return channel.attr(OUTBOUND_TLS).get().handshakeFuture();
    }

    /** The exception queued messages fail with, naming what the operator can fix. */
    TlsHandshakeException failure(String name, InetSocketAddress remote, Throwable cause) {
        TlsHandshakeException e = new TlsHandshakeException(name + " (" + remote.getAddress().getHostAddress() + ":"
                + remote.getPort() + ")", TlsFailures.classify(cause), cause);
        log.warn("{}", e.getMessage());
        return e;
    }

    /** A handshake with {@code name} succeeded: its chain feeds the expiry gauge. */
    void established(Channel channel, String name) {
        SslHandler ssl = channel.attr(OUTBOUND_TLS).get();
        peers.shown(name, TlsSessions.peerChain(ssl.engine().getSession()));
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        client.close();
    }

    /** Sends a double CRLF when we have written nothing for the keep-alive interval (RFC 5626 §3.5.1). */
    private static final class CrlfKeepAlive extends ChannelDuplexHandler {
        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof IdleStateEvent idle && idle.state() == IdleState.WRITER_IDLE) {
                ctx.writeAndFlush(Unpooled.wrappedBuffer(KEEP_ALIVE));
                return;
            }
            ctx.fireUserEventTriggered(evt);
        }
    }
}
