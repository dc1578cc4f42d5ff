package io.sipfront.daemon.admin;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.http.HttpServerCodec;
import io.netty.handler.timeout.IdleStateHandler;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.net.InetSocketAddress;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The admin HTTP/1.1 server: one event-loop thread of its own for the socket (never a SIP loop), a small bounded
 * pool for the handlers, and limits so a stuck or hostile client costs little: request size, idle time,
 * connection count.
 */
public final class AdminServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(AdminServer.class);
    static final int MAX_BODY_BYTES = 1024 * 1024;
    static final int MAX_INITIAL_LINE = 4096;
    static final int MAX_HEADER_BYTES = 8192;
    static final int IDLE_SECONDS = 30;
    static final int MAX_CONNECTIONS = 64;
    static final int HANDLER_THREADS = 2;
    static final int HANDLER_QUEUE = 64;

    private final EventLoopGroup group;
    private final ThreadPoolExecutor handlers;
    private final Channel channel;

    private AdminServer(EventLoopGroup group, ThreadPoolExecutor handlers, Channel channel) {
        this.group = group;
        this.handlers = handlers;
        this.channel = channel;
    }

    /** Binds {@code address}; throws with the address and reason if it cannot. */
    public static AdminServer start(InetSocketAddress address, AdminDispatcher dispatcher) {
        EventLoopGroup group = new NioEventLoopGroup(1, new DefaultThreadFactory("sipfront-admin-io", true));
        ThreadPoolExecutor handlers = new ThreadPoolExecutor(HANDLER_THREADS, HANDLER_THREADS, 60, TimeUnit.SECONDS,
                new ArrayBlockingQueue<>(HANDLER_QUEUE), new DefaultThreadFactory("sipfront-admin", true));
        AtomicInteger connections = new AtomicInteger();
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(group)
                    .channel(NioServerSocketChannel.class)
                    .option(ChannelOption.SO_REUSEADDR, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            if (connections.incrementAndGet() > MAX_CONNECTIONS) {
                                connections.decrementAndGet();
                                ch.close();
                                return;
                            }
                            ch.closeFuture().addListener(f -> connections.decrementAndGet());
                            ch.pipeline()
                                    .addLast(new IdleStateHandler(0, 0, IDLE_SECONDS))
                                    .addLast(new HttpServerCodec(MAX_INITIAL_LINE, MAX_HEADER_BYTES, 8192))
                                    .addLast(new JsonSizeLimit(MAX_BODY_BYTES))
                                    .addLast(new AdminHttpHandler(dispatcher, handlers))
                                    .addLast(new ChannelInboundHandlerAdapter() {
                                        @Override
                                        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                            ctx.close();
                                        }
                                    });
                        }
                    });
            Channel channel = b.bind(address).syncUninterruptibly().channel();
            log.info("admin API listening on http://{}", hostPort((InetSocketAddress) channel.localAddress()));
            return new AdminServer(group, handlers, channel);
        } catch (Exception e) { // Netty rethrows the checked BindException undeclared
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS);
            handlers.shutdownNow();
            throw new IllegalStateException("cannot bind the admin API to " + hostPort(address) + ": " + e.getMessage(),
                    e);
        }
    }

    public InetSocketAddress localAddress() {
        return (InetSocketAddress) channel.localAddress();
    }

    static String hostPort(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + a.getPort();
    }

    @Override
    public void close() {
        channel.close().syncUninterruptibly();
        group.shutdownGracefully(0, 2, TimeUnit.SECONDS).syncUninterruptibly();
        handlers.shutdownNow();
    }
}
