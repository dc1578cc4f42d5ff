package io.sipfront.core.transport;

import io.sipfront.net.Transport;
import java.net.InetSocketAddress;

/**
 * One framed SIP message as it came off a socket: the bytes of exactly one message
 * (a UDP datagram, or one Content-Length-framed message from a TCP stream).
 *
 * @param bytes     owned by the receiver; the transport keeps no reference
 * @param transport how it arrived
 * @param source    the peer's address and port as the socket saw them
 * @param local     our address and port it arrived on
 * @param flow      the connection it arrived on (TCP) so responses can go back on it; {@code null} for UDP
 */
public record InboundMessage(byte[] bytes, Transport transport, InetSocketAddress source,
                             InetSocketAddress local, Flow flow) {
}
