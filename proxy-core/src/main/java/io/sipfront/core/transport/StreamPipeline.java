package io.sipfront.core.transport;

import io.netty.channel.Channel;
import io.netty.handler.timeout.IdleStateHandler;
import java.util.concurrent.TimeUnit;

/**
 * The handlers every TCP connection gets, inbound or outbound (responses and in-dialog requests come back on
 * connections we opened, so they are framed and delivered the same way).
 */
final class StreamPipeline {
    private final int maxMessageBytes;
    private final long idleTimeoutMs;
    private final IdleConnectionCloser idleCloser;
    private final StreamMessageHandler messages;
    private final TransportStats stats;
    /** RFC 5626 pings on connections we open, every this long; 0: none. */
    private volatile long keepAliveMs;

    StreamPipeline(int maxMessageBytes, long idleTimeoutMs, SafeSink sink, TransportStats stats) {
        this.maxMessageBytes = maxMessageBytes;
        this.idleTimeoutMs = idleTimeoutMs;
        this.idleCloser = new IdleConnectionCloser(stats);
        this.messages = new StreamMessageHandler(sink, stats);
        this.stats = stats;
    }

    /** Connections opened from now on send a CRLF ping whenever they have written nothing for {@code ms}. */
    void sendKeepAlives(long ms) {
        this.keepAliveMs = ms;
    }

    void configure(Channel channel, TcpFlow flow) {
        channel.attr(TcpFlow.KEY).set(flow);
        if (idleTimeoutMs > 0) {
            // All-idle: traffic either way (including CRLF keep-alives) keeps the connection.
            channel.pipeline().addLast("idle", new IdleStateHandler(0, 0, idleTimeoutMs, TimeUnit.MILLISECONDS));
            channel.pipeline().addLast("idle-close", idleCloser);
        }
        long keepAlive = keepAliveMs;
        if (keepAlive > 0 && flow.isOutbound()) {
            // Before the framer, so it sees the raw bytes read (a pong is no message). Our pings keep the idle
            // timeout away, so the keep-alive itself closes a peer that stops answering.
            channel.pipeline().addLast("keepalive", new KeepAliveSender(keepAlive, stats));
        }
        channel.pipeline().addLast("framer", new SipStreamDecoder(maxMessageBytes));
        channel.pipeline().addLast("messages", messages);
    }
}
