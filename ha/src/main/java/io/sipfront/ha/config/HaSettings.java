package io.sipfront.ha.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The optional {@code ha} section: this node's side of a two-node pair sharing a floating VIP.
 *
 * @param nodeId            names this node in adverts, logs and the status API; the higher id wins a priority tie
 * @param priority          1..254; the higher priority becomes master (255 and 0 are reserved, as in VRRP)
 * @param bind              local address and port adverts are sent from and received on
 * @param peer              the other node's advert address and port
 * @param key               shared HMAC-SHA256 key (from {@code key} or {@code key_file})
 * @param advertIntervalMs  how often adverts are sent (both roles send them)
 * @param deadIntervalMs    a peer silent this long is dead; default 3 adverts plus a skew by priority
 * @param preempt           a higher-priority node takes the VIP back from a lower-priority master
 * @param preemptDelayMs    how long a higher-priority node waits as backup before preempting
 * @param vip               the floating address and where it lives
 * @param notifyCommand     command (argv) run on every state change with the new state appended; empty: none
 * @param trackSipListener  the node goes to {@code fault} while its SIP listener is unhealthy
 * @param freebind          SIP listeners bind the VIP with IP_FREEBIND before this node owns it
 * @param pidFile           written at start, removed at a clean stop; empty: none
 * @param dataDir           this node's own data directory (two nodes on one host must not share one)
 */
public record HaSettings(String nodeId, int priority, InetSocketAddress bind, InetSocketAddress peer, byte[] key,
                         long advertIntervalMs, long deadIntervalMs, boolean preempt, long preemptDelayMs,
                         Vip vip, List<String> notifyCommand, boolean trackSipListener, boolean freebind,
                         Optional<Path> pidFile, Optional<Path> dataDir) {
    public static final long DEFAULT_ADVERT_INTERVAL_MS = 100;
    /** Adverts missed before the peer counts as dead (VRRP's Master_Down_Interval uses 3). */
    public static final int DEAD_ADVERTS = 3;
    public static final int DEFAULT_GARP_COUNT = 3;

    public HaSettings {
        key = key.clone();
        notifyCommand = List.copyOf(notifyCommand);
    }

    @Override
    public byte[] key() {
        return key.clone();
    }

    /**
     * VRRPv3's skew: a lower priority waits a little longer, so the better backup of several wins, and
     * two backups never time out in the same instant.
     */
    public static long defaultDeadIntervalMs(long advertIntervalMs, int priority) {
        return DEAD_ADVERTS * advertIntervalMs + (256 - priority) * advertIntervalMs / 256;
    }

    /**
     * @param address   the floating address
     * @param prefix    its prefix length on the interface
     * @param iface     the interface it is added to
     * @param garpCount gratuitous ARPs (or unsolicited neighbour advertisements) sent on taking it
     */
    public record Vip(InetAddress address, int prefix, String iface, int garpCount) {
    }
}
