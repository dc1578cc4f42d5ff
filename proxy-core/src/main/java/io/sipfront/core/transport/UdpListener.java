package io.sipfront.core.transport;

import io.netty.channel.Channel;
import io.sipfront.config.ListenAddress;
import java.net.Inet4Address;
import java.net.InetSocketAddress;

/**
 * The sockets bound for one UDP listen address: one per event loop with epoll ({@code SO_REUSEPORT}),
 * a single one with NIO. Sending through them makes the datagram leave from the listen port, so peers see
 * (and answer to) our 5060, not an ephemeral port.
 */
final class UdpListener {
    private final ListenAddress bound;
    private final Channel[] byLoop;

    /**
     * @param bound  the listen address with its actual port
     * @param byLoop index i: the channel to use from event loop i (with NIO, the same channel everywhere)
     */
    UdpListener(ListenAddress bound, Channel[] byLoop) {
        this.bound = bound;
        this.byLoop = byLoop.clone();
    }

    boolean isOpen() {
        return java.util.Arrays.stream(byLoop).allMatch(Channel::isOpen);
    }

    boolean isIpv4() {
        return bound.address() instanceof Inet4Address;
    }

    boolean isWildcard() {
        return bound.address().isAnyLocalAddress();
    }

    /**
     * The channel served by event loop {@code loopIndex} (no thread hop); from other threads
     * ({@code loopIndex < 0}) one picked by the target, so one peer's datagrams keep their order.
     */
    Channel channelFor(int loopIndex, InetSocketAddress target) {
        int index = loopIndex >= 0 ? loopIndex : Math.floorMod(target.hashCode(), byLoop.length);
        return byLoop[index];
    }
}
