package io.sipfront.core.transport;

import io.sipfront.net.Transport;
import java.net.InetSocketAddress;

/**
 * A connection-oriented path to a peer (a TCP connection). Responses to a request that came in on a
 * flow go back on it (RFC 3261 §18.2.2); requests to the same peer may reuse it.
 */
public interface Flow {
    Transport transport();

    InetSocketAddress remote();

    /** False once the connection has closed; a closed flow is never reused. */
    boolean isOpen();
}
