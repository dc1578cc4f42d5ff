package io.sipfront.core.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.timeout.IdleStateEvent;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Closes a TCP connection when its {@code IdleStateHandler} reports no traffic either way for the idle
 * timeout: dead peers (no FIN ever arrives through a crashed NAT) must not hold a connection slot forever.
 */
@ChannelHandler.Sharable
final class IdleConnectionCloser extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(IdleConnectionCloser.class);

    private final TransportStats stats;

    IdleConnectionCloser(TransportStats stats) {
        this.stats = stats;
    }

    @Override
    public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
        if (evt instanceof IdleStateEvent) {
            stats.connectionsClosedIdle.increment();
            log.debug("closing idle {}", ctx.channel().attr(TcpFlow.KEY).get());
            ctx.close();
        } else {
            ctx.fireUserEventTriggered(evt);
        }
    }
}
