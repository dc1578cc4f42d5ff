package io.sipfront.config;

import io.sipfront.net.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;

/** One socket Sipfront listens on, written {@code udp:127.0.0.1:5060} in the config. */
public record ListenAddress(Transport transport, InetAddress address, int port) {
    public InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        String host = address.getHostAddress();
        return transport.paramName() + ":" + (host.indexOf(':') >= 0 ? "[" + host + "]" : host) + ":" + port;
    }
}
