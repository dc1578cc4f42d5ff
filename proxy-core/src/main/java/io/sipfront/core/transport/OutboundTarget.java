package io.sipfront.core.transport;

import io.sipfront.net.Transport;
import java.net.InetSocketAddress;

/**
 * Where to send one message.
 *
 * @param transport UDP or TCP
 * @param address   the peer's IP address and port (always resolved)
 * @param flow      a connection to prefer (a response goes back on the connection of its request);
 *                  {@code null} lets the transport reuse or open a connection to {@code address}
 */
public record OutboundTarget(Transport transport, InetSocketAddress address, Flow flow) {
    public static OutboundTarget of(Transport transport, InetSocketAddress address) {
        return new OutboundTarget(transport, address, null);
    }
}
