package io.sipfront.daemon.admin;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.handler.codec.http.DefaultFullHttpResponse;
import io.netty.handler.codec.http.FullHttpRequest;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpHeaderNames;
import io.netty.handler.codec.http.HttpHeaderValues;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.handler.codec.http.HttpVersion;
import io.netty.handler.timeout.IdleStateEvent;
import io.sipfront.core.admin.AdminReply;
import java.util.ArrayDeque;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;

/**
 * One connection's requests, handled one at a time on the bounded handler pool (handlers may block briefly; the
 * admin event loop never does). HTTP/1.1 pipelining needs the answers in request order, and one read can decode
 * several requests at once, so they wait in a short per-connection queue; while one is in progress the connection
 * reads nothing more, so a client cannot queue unbounded work. All state is touched on the channel's event loop.
 */
final class AdminHttpHandler extends SimpleChannelInboundHandler<FullHttpRequest> {
    /** Pipelined requests decoded from what was already read; more than this and the client is misbehaving. */
    static final int MAX_WAITING = 16;

    private record Pending(String method, String uri, String authorization, byte[] body, boolean keepAlive,
                           AdminReply decodeError) {
    }

    private final AdminDispatcher dispatcher;
    private final Executor handlers;
    private final ArrayDeque<Pending> waiting = new ArrayDeque<>();
    private boolean busy;

    AdminHttpHandler(AdminDispatcher dispatcher, Executor handlers) {
        this.dispatcher = dispatcher;
        this.handlers = handlers;
    }

    @Override
    protected void channelRead0(ChannelHandlerContext ctx, FullHttpRequest request) {
        if (waiting.size() >= MAX_WAITING) {
            ctx.close();
            return;
        }
        AdminReply decodeError = request.decoderResult().isSuccess() ? null
                : AdminReply.error(400, "malformed HTTP request: " + request.decoderResult().cause());
        waiting.add(new Pending(request.method().name(), request.uri(),
                request.headers().get(HttpHeaderNames.AUTHORIZATION), ByteBufUtil.getBytes(request.content()),
                decodeError == null && HttpUtil.isKeepAlive(request), decodeError));
        ctx.channel().config().setAutoRead(false);
        if (!busy) {
            next(ctx);
        }
    }

    private void next(ChannelHandlerContext ctx) {
        Pending p = waiting.poll();
        if (p == null) {
            busy = false;
            ctx.channel().config().setAutoRead(true);
            ctx.read();
            return;
        }
        busy = true;
        if (p.decodeError != null) {
            write(ctx, p.decodeError, false);
            return;
        }
        try {
            handlers.execute(() -> {
                AdminReply reply = dispatcher.dispatch(p.method, p.uri, p.authorization, p.body);
                ctx.executor().execute(() -> write(ctx, reply, p.keepAlive));
            });
        } catch (RejectedExecutionException e) {
            write(ctx, AdminReply.error(503, "the admin API is busy; try again"), false);
        }
    }

    static void write(ChannelHandlerContext ctx, AdminReply reply) {
        ctx.writeAndFlush(response(reply, false)).addListener(ChannelFutureListener.CLOSE);
    }

    private static FullHttpResponse response(AdminReply reply, boolean keepAlive) {
        FullHttpResponse response = new DefaultFullHttpResponse(HttpVersion.HTTP_1_1,
                HttpResponseStatus.valueOf(reply.status()), Unpooled.wrappedBuffer(reply.body()));
        response.headers().set(HttpHeaderNames.CONTENT_TYPE, reply.contentType())
                .setInt(HttpHeaderNames.CONTENT_LENGTH, response.content().readableBytes())
                .set(HttpHeaderNames.CACHE_CONTROL, HttpHeaderValues.NO_STORE)
                .set(HttpHeaderNames.CONNECTION, keepAlive ? HttpHeaderValues.KEEP_ALIVE : HttpHeaderValues.CLOSE);
        return response;
    }

    private void write(ChannelHandlerContext ctx, AdminReply reply, boolean keepAlive) {
        FullHttpResponse response = response(reply, keepAlive);
        if (!keepAlive) {
            waiting.clear();
            ctx.writeAndFlush(response).addListener(ChannelFutureListener.CLOSE);
            return;
        }
        ctx.writeAndFlush(response).addListener(f -> next(ctx));
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object event) throws Exception {
        if (event instanceof IdleStateEvent) {
            // An idle keep-alive connection, or a client that stopped mid-request; not one waiting for a slow
            // handler (a reload resolving host names), whose answer is still to come.
            if (!busy) {
                ctx.close();
            }
            return;
        }
        super.userEventTriggered(ctx, event);
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        ctx.close();
    }
}
