package io.sipfront.ha;

/**
 * A shared lock a node must hold to become master (for instance in Redis, with a fencing epoch), so that two
 * nodes cut off from each other cannot both hold the VIP. Called on the heartbeat thread: implementations answer
 * from memory and renew in the background.
 */
public interface MasterLease {
    /** No shared lease: the heartbeat alone decides (two masters are possible while the link is cut). */
    MasterLease NONE = new MasterLease() {
        @Override
        public boolean mayBeMaster() {
            return true;
        }

        @Override
        public void released() {
        }
    };

    /** Whether this node may be master now (it holds, or has just acquired, the lease). */
    boolean mayBeMaster();

    /** This node has left master; the lease may be given up. */
    void released();
}
