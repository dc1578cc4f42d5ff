package io.sipfront.core.cluster;

import java.net.InetSocketAddress;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Active-active mode: this node's id and its peers, which all take calls behind one front address (a layer-4
 * balancer's, or a DNS SRV name's targets). The front address itself is {@code sip.advertised_address}: Via and
 * Record-Route name it, and a Route naming it is us.
 *
 * @param nodeId        this node's id, written into the Via of every request it sends ({@code sfnode} parameter), so
 *                      that a response that a balancer hands to another node can be relayed back here
 * @param peers         the other nodes
 * @param peerCheckMs   how often each peer's {@code /health/live} is asked whether its process still runs
 * @param drainMinMs    on SIGTERM, how long a node keeps serving after {@code /health/ready} turned 503 at least:
 *                      the balancer's time to take it out (two failed checks)
 * @param drainMaxMs    the longest a node waits for its open INVITE transactions to end before it stops anyway
 */
public record ClusterSettings(String nodeId, List<Peer> peers, int peerCheckMs, int drainMinMs, int drainMaxMs) {
    /** Node ids: they go into a Via parameter, so a SIP token, and short. */
    public static final Pattern NODE_ID = Pattern.compile("[A-Za-z0-9._-]{1,32}");

    /** Left out: a single node. */
    public static final ClusterSettings NONE = new ClusterSettings(null, List.of(), 100, 0, 0);

    /**
     * @param id    the peer's node id
     * @param sip   where responses for the peer's transactions are relayed (its own address, UDP)
     * @param admin its admin API, asked whether the process is alive
     */
    public record Peer(String id, InetSocketAddress sip, InetSocketAddress admin) {
    }

    public ClusterSettings {
        peers = List.copyOf(peers);
    }

    public boolean enabled() {
        return nodeId != null;
    }
}
