package io.sipfront.config;

import java.util.List;

/**
 * Sockets and identity.
 *
 * @param listen               every socket to bind; at least one
 * @param advertisedHost       host written into Via and Record-Route (an IP literal or a name);
 *                             in a two-node deployment, the floating VIP
 * @param advertisedPort       port written next to it
 * @param workers              event-loop threads (and call lanes); resolved, never 0 (see {@link #defaultWorkers})
 * @param udpReceiveBufferBytes SO_RCVBUF asked for on each UDP socket
 */
public record SipSettings(List<ListenAddress> listen, String advertisedHost, int advertisedPort,
                          int workers, int udpReceiveBufferBytes) {
    public SipSettings {
        listen = List.copyOf(listen);
    }

    /**
     * Event loops when {@code sip.workers} is 0 (the default): one per two processors, at least one.
     *
     * <p>Why not one per processor: a call lives on one loop (its lane) while the kernel hands each peer's packets
     * to any loop, so with two loops about half of a call's messages are read on the other loop and handed over, a
     * thread wake-up each. On two cores one loop cost less per call over TCP at 500 calls/s and from 2,500 to 4,500
     * calls/s (over UDP at 500 calls/s the two were within the box's spread) and carried as many calls without a
     * failure; the other processors are left to the kernel's network processing, the garbage collector and the JIT
     * (docs/performance.md, "Third pass").
     */
    public static int defaultWorkers(int processors) {
        return Math.max(1, processors / 2);
    }
}
