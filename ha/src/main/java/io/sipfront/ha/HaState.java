package io.sipfront.ha;

/** A node's role. Only {@link #MASTER} holds the VIP. */
public enum HaState {
    /** Ready to take over; the peer is master, or nobody is yet. */
    BACKUP,
    /** Holds the VIP and serves SIP. */
    MASTER,
    /** Unhealthy (a tracked check failed): never takes the VIP. */
    FAULT;

    String wire() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
