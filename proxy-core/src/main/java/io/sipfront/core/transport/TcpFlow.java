package io.sipfront.core.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.sipfront.net.Transport;
import java.net.InetSocketAddress;

/** A TCP connection as a {@link Flow}: inbound (accepted) or outbound (connected by us). */
final class TcpFlow implements Flow {
    static final AttributeKey<TcpFlow> KEY = AttributeKey.valueOf(TcpFlow.class, "flow");

    private final Channel channel;
    private final InetSocketAddress remote;
    private final boolean outbound;

    TcpFlow(Channel channel, InetSocketAddress remote, boolean outbound) {
        this.channel = channel;
        this.remote = remote;
        this.outbound = outbound;
    }

    @Override
    public Transport transport() {
        return Transport.TCP;
    }

    @Override
    public InetSocketAddress remote() {
        return remote;
    }

    @Override
    public boolean isOpen() {
        return channel.isActive();
    }

    Channel channel() {
        return channel;
    }

    /** Opened by us (a request to the peer), not accepted from it. */
    boolean isOutbound() {
        return outbound;
    }

    @Override
    public String toString() {
        return "tcp:" + (outbound ? "to " : "from ") + remote + (isOpen() ? "" : " (closed)");
    }
}
