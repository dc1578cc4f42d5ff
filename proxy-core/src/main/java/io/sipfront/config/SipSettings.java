package io.sipfront.config;

import java.util.List;

/**
 * Sockets and identity.
 *
 * @param listen               every socket to bind; at least one
 * @param advertisedHost       host written into Via and Record-Route (an IP literal or a name);
 *                             in a two-node deployment, the floating VIP
 * @param advertisedPort       port written next to it
 * @param workers              event-loop threads (and call lanes); resolved, never 0
 * @param udpReceiveBufferBytes SO_RCVBUF asked for on each UDP socket
 */
public record SipSettings(List<ListenAddress> listen, String advertisedHost, int advertisedPort,
                          int workers, int udpReceiveBufferBytes) {
    public SipSettings {
        listen = List.copyOf(listen);
    }
}
