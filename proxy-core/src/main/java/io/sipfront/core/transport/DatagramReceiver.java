package io.sipfront.core.transport;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ByteProcessor;
import io.netty.util.ReferenceCountUtil;
import io.sipfront.net.Transport;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns each UDP datagram into an {@link InboundMessage}: one datagram is one message (RFC 3261 §18.3).
 *
 * <p>The channel reads into buffers of {@code maxMessageBytes + 1}, so a datagram that fills the buffer was
 * longer than the limit (the kernel truncated it): it is dropped and counted, never delivered truncated,
 * since a cut-off SDP or header can still parse and then mean something else.
 */
@ChannelHandler.Sharable
final class DatagramReceiver extends ChannelInboundHandlerAdapter {
    private static final Logger log = LoggerFactory.getLogger(DatagramReceiver.class);
    /** Continues while the byte is whitespace: keep-alive datagrams are CRLFs (or a space or two). */
    private static final ByteProcessor WHITESPACE = b -> b == '\r' || b == '\n' || b == ' ' || b == '\t';

    private final int maxMessageBytes;
    private final SafeSink sink;
    private final TransportStats stats;

    DatagramReceiver(int maxMessageBytes, SafeSink sink, TransportStats stats) {
        this.maxMessageBytes = maxMessageBytes;
        this.sink = sink;
        this.stats = stats;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof DatagramPacket)) {
            ReferenceCountUtil.release(msg);
            return;
        }
        DatagramPacket packet = (DatagramPacket) msg;
        byte[] bytes;
        try {
            ByteBuf content = packet.content();
            if (content.readableBytes() > maxMessageBytes) {
                stats.oversizeDatagramsDropped.increment();
                log.debug("dropped a datagram from {} longer than {} bytes", packet.sender(), maxMessageBytes);
                return;
            }
            if (content.forEachByte(WHITESPACE) < 0) {
                return; // empty or only whitespace: a keep-alive, nothing to answer
            }
            bytes = ByteBufUtil.getBytes(content);
        } finally {
            packet.release();
        }
        stats.datagramsReceived.increment();
        sink.deliver(new InboundMessage(bytes, Transport.UDP, packet.sender(), packet.recipient(), null));
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        // A UDP socket reports e.g. ICMP port-unreachable for an earlier send as a read error. The socket is
        // still good: log and keep it open, closing it would stop the listener.
        if (cause instanceof IOException) {
            log.debug("UDP socket {}: {}", ctx.channel().localAddress(), cause.toString());
        } else {
            log.warn("UDP socket {}", ctx.channel().localAddress(), cause);
        }
    }
}
