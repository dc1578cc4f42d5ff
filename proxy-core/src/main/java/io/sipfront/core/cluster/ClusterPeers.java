package io.sipfront.core.cluster;

import java.net.InetSocketAddress;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * This node's id and what it knows of its peers: where to relay a response that belongs to one, and whether that
 * peer's process is alive ({@link PeerWatch} keeps it current). Read from any lane without locks.
 */
public final class ClusterPeers {
    /** A node on its own: no id, no peers. */
    public static final ClusterPeers NONE = new ClusterPeers(ClusterSettings.NONE);

    private final String self;
    private final Map<String, PeerState> peers = new LinkedHashMap<>();

    public ClusterPeers(ClusterSettings settings) {
        this.self = settings.nodeId();
        for (ClusterSettings.Peer p : settings.peers()) {
            peers.put(p.id(), new PeerState(p));
        }
    }

    /** This node's id, or null outside a cluster. */
    public String self() {
        return self;
    }

    /** Where to relay a response for {@code nodeId}'s transaction: its SIP address while it lives, else null. */
    public InetSocketAddress relayTarget(String nodeId) {
        PeerState p = nodeId == null ? null : peers.get(nodeId);
        return p != null && p.alive ? p.peer.sip() : null;
    }

    public List<PeerState> peers() {
        return List.copyOf(peers.values());
    }

    /** One peer and whether its process answered the last check. */
    public static final class PeerState {
        private final ClusterSettings.Peer peer;
        // Alive until a check says otherwise: a node that starts next to running peers relays at once.
        private volatile boolean alive = true;
        private volatile long changedAtMillis;

        PeerState(ClusterSettings.Peer peer) {
            this.peer = peer;
        }

        public ClusterSettings.Peer peer() {
            return peer;
        }

        public boolean alive() {
            return alive;
        }

        public long changedAtMillis() {
            return changedAtMillis;
        }

        /** Sets what the last check found (the watch, or a test); @return whether this changed the state */
        public boolean set(boolean nowAlive, long atMillis) {
            if (alive == nowAlive) {
                return false;
            }
            alive = nowAlive;
            changedAtMillis = atMillis;
            return true;
        }
    }
}
