package io.sipfront.core.tls;

import io.netty.bootstrap.Bootstrap;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslHandshakeCompletionEvent;
import java.net.InetSocketAddress;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * SIP over TLS on real loopback sockets: a server that answers every request with a 200 mirroring its Via, From, To,
 * Call-ID and CSeq, and a client that sends one request and reads one answer. For the loopback and Kamailio tests;
 * messages are framed at the blank line (no bodies).
 */
final class TlsSipPeers implements AutoCloseable {
    static final long WAIT_SECONDS = 10;
    private final NioEventLoopGroup group = new NioEventLoopGroup(2);

    /** A request our server read, with what the handshake told about the client. */
    record Accepted(String request, Optional<String> serverName, List<X509Certificate> clientChain) {
    }

    /** An answer our client read, and the chain the server showed. */
    record Exchange(String response, List<X509Certificate> serverChain, double serverDaysLeft) {
    }

    /** A listening server; what it reads and the handshakes it lost are queued. */
    static final class Server {
        final BlockingQueue<Accepted> accepted = new LinkedBlockingQueue<>();
        final BlockingQueue<Throwable> handshakeFailures = new LinkedBlockingQueue<>();
        Channel channel;

        int port() {
            return ((InetSocketAddress) channel.localAddress()).getPort();
        }

        Accepted nextRequest() throws InterruptedException {
            return poll(accepted, "no request reached the server");
        }

        Throwable nextHandshakeFailure() throws InterruptedException {
            return poll(handshakeFailures, "no handshake failed at the server");
        }
    }

    Server serve(ReloadableSslContext context) throws InterruptedException {
        Server server = new Server();
        server.channel = new ServerBootstrap().group(group).channel(NioServerSocketChannel.class)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = context.newServerHandler(ch.alloc());
                        ch.pipeline().addLast(ssl, new Framer(text -> {
                            server.accepted.add(new Accepted(text,
                                    TlsSessions.requestedServerName(ssl.engine().getSession()),
                                    TlsSessions.peerChain(ssl.engine().getSession())));
                            ch.writeAndFlush(Unpooled.copiedBuffer(answer(text), StandardCharsets.UTF_8));
                        }, server.handshakeFailures::add, false));
                    }
                })
                .bind(new InetSocketAddress("127.0.0.1", 0)).sync().channel();
        return server;
    }

    /**
     * Connects to 127.0.0.1:port expecting {@code sipDomain}, sends {@code request} and completes with the answer; fails
     * with the handshake's cause, or with what ended the connection before an answer came.
     */
    CompletableFuture<Exchange> exchange(ReloadableSslContext context, String sipDomain, int port, String request) {
        CompletableFuture<Exchange> result = new CompletableFuture<>();
        new Bootstrap().group(group).channel(NioSocketChannel.class)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        SslHandler ssl = context.newClientHandler(ch.alloc(), sipDomain, port);
                        ssl.handshakeFuture().addListener(f -> {
                            if (f.isSuccess()) {
                                ch.writeAndFlush(Unpooled.copiedBuffer(request, StandardCharsets.UTF_8));
                            } else {
                                result.completeExceptionally(f.cause());
                            }
                        });
                        ch.pipeline().addLast(ssl, new Framer(text -> {
                            List<X509Certificate> chain = TlsSessions.peerChain(ssl.engine().getSession());
                            result.complete(new Exchange(text, chain, CertificateExpiry.peerDaysLeft(
                                    ssl.engine().getSession(), java.time.Instant.now())));
                            ch.close();
                        }, result::completeExceptionally, true));
                    }
                })
                .connect(new InetSocketAddress("127.0.0.1", port))
                .addListener(f -> {
                    if (!f.isSuccess()) {
                        result.completeExceptionally(f.cause());
                    }
                });
        return result.orTimeout(WAIT_SECONDS, TimeUnit.SECONDS);
    }

    /** A 200 for a request, with the headers RFC 3261 §8.2.6.2 copies. */
    static String answer(String request) {
        String copied = request.lines()
                .filter(l -> l.matches("(?i)(Via|From|To|Call-ID|CSeq):.*"))
                .collect(Collectors.joining("\r\n"));
        return "SIP/2.0 200 OK\r\n" + copied + "\r\nContent-Length: 0\r\n\r\n";
    }

    private static <T> T poll(BlockingQueue<T> queue, String missing) throws InterruptedException {
        T item = queue.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        if (item == null) {
            throw new AssertionError(missing + " within " + WAIT_SECONDS + " s");
        }
        return item;
    }

    /**
     * Hands on each message ending with a blank line; reports a failed handshake's cause, and with
     * {@code reportAll} also a later exception or the connection closing.
     */
    private static final class Framer extends ChannelInboundHandlerAdapter {
        private final Consumer<String> onMessage;
        private final Consumer<Throwable> onFailure;
        private final boolean reportAll;
        private final StringBuilder pending = new StringBuilder();

        Framer(Consumer<String> onMessage, Consumer<Throwable> onFailure, boolean reportAll) {
            this.onMessage = onMessage;
            this.onFailure = onFailure;
            this.reportAll = reportAll;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            pending.append(TlsPair.text(msg));
            for (int end = pending.indexOf("\r\n\r\n"); end >= 0; end = pending.indexOf("\r\n\r\n")) {
                String message = pending.substring(0, end + 4);
                pending.delete(0, end + 4);
                onMessage.accept(message);
            }
        }

        @Override
        public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
            if (evt instanceof SslHandshakeCompletionEvent done && !done.isSuccess()) {
                onFailure.accept(done.cause());
            }
            ctx.fireUserEventTriggered(evt);
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            if (reportAll) {
                onFailure.accept(cause);
            }
            ctx.close();
        }

        @Override
        public void channelInactive(ChannelHandlerContext ctx) {
            if (reportAll) {
                onFailure.accept(new ClosedChannelException());
            }
            ctx.fireChannelInactive();
        }
    }

    @Override
    public void close() {
        group.shutdownGracefully(0, 1, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
