package io.sipfront.core.capture;

import io.sipfront.net.Transport;
import java.net.InetSocketAddress;

/**
 * One SIP message as it crossed a socket, waiting to be mirrored.
 *
 * @param bytes       the message as on the wire; shared, never modified (the transport treats it the same way)
 * @param epochMicros when it was read or handed to the socket, in microseconds since the epoch
 */
public record CapturedMessage(byte[] bytes, Transport transport, InetSocketAddress source,
                              InetSocketAddress destination, long epochMicros) {
}
