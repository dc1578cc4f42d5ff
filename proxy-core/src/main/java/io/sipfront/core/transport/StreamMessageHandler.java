package io.sipfront.core.transport;

import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.util.ReferenceCountUtil;
import java.io.IOException;
import java.net.InetSocketAddress;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Last handler of a TCP connection: delivers each framed message with its {@link Flow}, and closes the
 * connection on a {@link StreamFramingError} (a stream cannot resynchronise after one) or an I/O error.
 */
@ChannelHandler.Sharable
final class StreamMessageHandler extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(StreamMessageHandler.class);

    private final SafeSink sink;
    private final TransportStats stats;

    StreamMessageHandler(SafeSink sink, TransportStats stats) {
        this.sink = sink;
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        TcpFlow flow = ctx.channel().attr(TcpFlow.KEY).get();
        if (msg instanceof byte[]) {
            stats.streamMessagesReceived.increment();
            sink.deliver(new InboundMessage((byte[]) msg, flow.transport(), flow.remote(),
                    (InetSocketAddress) ctx.channel().localAddress(), flow));
        } else if (msg instanceof StreamFramingError) {
            stats.framingErrors.increment();
            log.debug("closing {}: framing error: {}", flow, ((StreamFramingError) msg).reason());
            ctx.close();
        } else {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        TcpFlow flow = ctx.channel().attr(TcpFlow.KEY).get();
        if (cause instanceof IOException) {
            log.debug("closing {}: {}", flow, cause.toString()); // resets are routine
        } else {
            log.warn("closing {}", flow, cause);
        }
        ctx.close();
    }
}
