package io.sipfront.core.transport;

import io.sipfront.net.Transport;
import java.net.InetSocketAddress;

/**
 * Where to send one message.
 *
 * @param transport UDP, TCP or TLS
 * @param address   the peer's IP address and port (always resolved)
 * @param flow      a connection to prefer (a response goes back on the connection of its request);
 *                  {@code null} lets the transport reuse or open a connection to {@code address}
 * @param tlsName   for TLS: the SIP domain the peer's certificate must name and that goes out as SNI (RFC 5922: the
 *                  host of the URI, never an SRV target); null means the address itself
 */
public record OutboundTarget(Transport transport, InetSocketAddress address, Flow flow, String tlsName) {
    public OutboundTarget(Transport transport, InetSocketAddress address, Flow flow) {
        this(transport, address, flow, null);
    }

    public static OutboundTarget of(Transport transport, InetSocketAddress address) {
        return new OutboundTarget(transport, address, null, null);
    }

    /** A target whose TLS peer must prove {@code tlsName} (ignored for UDP and TCP). */
    public static OutboundTarget of(Transport transport, InetSocketAddress address, String tlsName) {
        return new OutboundTarget(transport, address, null, tlsName);
    }

    /** What the TLS peer's certificate is checked against: {@link #tlsName}, else the IP address. */
    public String verifiedName() {
        return tlsName != null ? tlsName : address.getAddress().getHostAddress();
    }
}
