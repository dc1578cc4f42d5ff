package io.sipfront.core.transport;

import io.netty.channel.Channel;
import io.netty.util.AttributeKey;
import io.sipfront.net.Transport;
import java.net.InetSocketAddress;

/** A TCP or TLS connection as a {@link Flow}: inbound (accepted) or outbound (connected by us). */
final class TcpFlow implements Flow {
    static final AttributeKey<TcpFlow> KEY = AttributeKey.valueOf(TcpFlow.class, "flow");

    private final Channel channel;
    private final InetSocketAddress remote;
    private final boolean outbound;
    private final Transport transport;

    TcpFlow(Channel channel, InetSocketAddress remote, boolean outbound) {
        this(channel, remote, outbound, Transport.TCP);
    }

    TcpFlow(Channel channel, InetSocketAddress remote, boolean outbound, Transport transport) {
        this.channel = channel;
        this.remote = remote;
        this.outbound = outbound;
        this.transport = transport;
    }

    @Override
    public Transport transport() {
        return transport;
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
        return transport.paramName() + ":" + (outbound ? "to " : "from ") + remote + (isOpen() ? "" : " (closed)");
    }
}
