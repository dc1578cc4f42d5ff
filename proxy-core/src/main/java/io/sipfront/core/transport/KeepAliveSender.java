package io.sipfront.core.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelDuplexHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelPromise;
import io.netty.util.concurrent.ScheduledFuture;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * RFC 5626 §4.4.1 keep-alives on a TCP connection we opened: every interval in which we wrote nothing, a double-CRLF
 * "ping"; when the peer has sent nothing at all (no CRLF "pong", no message) by the next interval, the connection is
 * dead (a crashed peer or a NAT that dropped the binding) and is closed, so the next request opens a fresh one
 * instead of waiting for a transaction timeout. One instance per connection, on its event loop.
 */
final class KeepAliveSender extends ChannelDuplexHandler {
    private static final Logger log = LoggerFactory.getLogger(KeepAliveSender.class);
    static final byte[] PING = "\r\n\r\n".getBytes(StandardCharsets.US_ASCII);

    private final long intervalMs;
    private final TransportStats stats;
    private boolean wrote;
    private boolean read;
    private boolean awaitingPong;
    private ScheduledFuture<?> tick;

    KeepAliveSender(long intervalMs, TransportStats stats) {
        this.intervalMs = intervalMs;
        this.stats = stats;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        schedule(ctx);
    }

    @Override
    public void handlerRemoved(ChannelHandlerContext ctx) {
        if (tick != null) {
            tick.cancel(false);
        }
    }

    private void schedule(ChannelHandlerContext ctx) {
        tick = ctx.executor().schedule(() -> onTick(ctx), intervalMs, TimeUnit.MILLISECONDS);
    }

    private void onTick(ChannelHandlerContext ctx) {
        if (!ctx.channel().isOpen()) {
            return;
        }
        if (awaitingPong && !read) {
            stats.keepAliveFailures.increment();
            log.debug("closing {}: no answer to a keep-alive within {} ms", ctx.channel(), intervalMs);
            ctx.close();
            return;
        }
        awaitingPong = false;
        if (!wrote) {
            stats.keepAlivesSent.increment();
            ctx.writeAndFlush(Unpooled.wrappedBuffer(PING));
            awaitingPong = true;
        }
        wrote = false;
        read = false;
        schedule(ctx);
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        read = true;
        if (awaitingPong && msg instanceof ByteBuf b && isPong(b)) {
            // The pong itself: kept from the framer, which would wait for a second CRLF and take two pongs in a
            // row for a ping.
            awaitingPong = false;
            b.release();
            return;
        }
        ctx.fireChannelRead(msg);
    }

    private static boolean isPong(ByteBuf b) {
        int i = b.readerIndex();
        return b.readableBytes() == 2 && b.getByte(i) == '\r' && b.getByte(i + 1) == '\n';
    }

    @Override
    public void write(ChannelHandlerContext ctx, Object msg, ChannelPromise promise) {
        wrote = true;
        ctx.write(msg, promise);
    }
}
