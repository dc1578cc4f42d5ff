package io.sipfront.ha;

/**
 * The VRRP-like decisions, free of I/O and of real time: every input carries {@code now} (milliseconds on a
 * monotonic clock), so tests drive it step by step. Single-threaded: only the heartbeat thread calls it.
 *
 * <p>Both nodes send adverts. A backup becomes master when the peer's adverts stop for the dead interval, when
 * the peer's kernel refuses them twice in a row (its process is gone), when the peer gives the VIP away
 * (priority 0) or reports {@code fault}, or when it may preempt a lower-ranked master. A master that hears another
 * master keeps the VIP only if it outranks it (priority, then node id), and then announces the VIP again; it also
 * announces again when a peer is heard after a dead interval of silence, since that peer may have held the VIP.
 */
final class HaStateMachine {
    /** ICMP port-unreachable answers in a row that prove the peer's process is gone. */
    static final int UNREACHABLE_CONFIRMATIONS = 2;

    /** What the machine asks of its surroundings. */
    interface Effects {
        void transition(HaState from, HaState to, String reason);

        /** Send gratuitous ARP for the VIP again (a split brain healed in our favour). */
        void reannounce();

        /** Send an advert now rather than at the next interval. */
        void advertNow();
    }

    private final String nodeId;
    private final int priority;
    private final long deadIntervalMs;
    private final boolean preempt;
    private final long preemptDelayMs;
    private final MasterLease lease;
    private final Effects effects;

    private HaState state = HaState.BACKUP;
    private long backupSinceMs;
    private long peerDeadlineMs;
    private boolean healthy = true;
    private boolean stopping;
    private int unreachableInARow;
    private Advert lastPeerAdvert;
    private long lastPeerAdvertAtMs = -1;

    HaStateMachine(String nodeId, int priority, long deadIntervalMs, boolean preempt, long preemptDelayMs,
                   MasterLease lease, Effects effects) {
        this.nodeId = nodeId;
        this.priority = priority;
        this.deadIntervalMs = deadIntervalMs;
        this.preempt = preempt;
        this.preemptDelayMs = preemptDelayMs;
        this.lease = lease;
        this.effects = effects;
    }

    /** Starts as backup and waits one dead interval to hear a master before claiming the VIP. */
    void start(long now) {
        backupSinceMs = now;
        peerDeadlineMs = now + deadIntervalMs;
    }

    HaState state() {
        return state;
    }

    /** The priority written in our adverts: 0 while stopping or in fault, so the peer takes over at once. */
    int advertisedPriority() {
        return stopping || state == HaState.FAULT ? 0 : priority;
    }

    Advert lastPeerAdvert() {
        return lastPeerAdvert;
    }

    long lastPeerAdvertAtMs() {
        return lastPeerAdvertAtMs;
    }

    void onPeerAdvert(Advert peer, long now) {
        boolean peerWasSilent = lastPeerAdvertAtMs < 0 || now - lastPeerAdvertAtMs > deadIntervalMs;
        lastPeerAdvert = peer;
        lastPeerAdvertAtMs = now;
        peerDeadlineMs = now + deadIntervalMs;
        unreachableInARow = 0;
        if (stopping || state == HaState.FAULT) {
            return;
        }
        boolean peerGone = peer.priority() == 0 || peer.state() == HaState.FAULT;
        boolean iOutrank = Advert.outranks(priority, nodeId, peer);
        if (state == HaState.MASTER) {
            if (peer.state() == HaState.MASTER && !peerGone) {
                if (iOutrank) {
                    effects.reannounce();
                    effects.advertNow();
                } else {
                    become(HaState.BACKUP, "peer " + peer.nodeId() + " (priority " + peer.priority()
                            + ") is master and outranks us", now);
                }
            } else if (peerWasSilent && !peerGone) {
                // The peer was cut off long enough to have taken the VIP and announced its own MAC. If it heard
                // us first after the heal, it stepped down without our ever seeing its master advert: announce
                // anyway, or neighbours keep sending to the node that no longer holds the VIP.
                effects.reannounce();
            }
            return;
        }
        // BACKUP
        if (peerGone) {
            becomeMaster("peer " + peer.nodeId() + (peer.priority() == 0 ? " gave the VIP away" : " is in fault"),
                    now);
        } else if (peer.state() == HaState.MASTER) {
            if (preempt && iOutrank && now - backupSinceMs >= preemptDelayMs) {
                becomeMaster("preempting lower-ranked master " + peer.nodeId(), now);
            }
        } else if (peer.state() == HaState.BACKUP && iOutrank) {
            becomeMaster("both backup; we outrank " + peer.nodeId(), now);
        }
    }

    /** The peer's kernel answered our advert with ICMP port unreachable: nothing listens there any more. */
    void onPeerUnreachable(long now) {
        unreachableInARow++;
        if (state == HaState.BACKUP && !stopping && unreachableInARow >= UNREACHABLE_CONFIRMATIONS) {
            becomeMaster("peer heartbeat port unreachable " + unreachableInARow + " times in a row", now);
        } else if (state == HaState.BACKUP) {
            effects.advertNow(); // a second probe at once: confirmation in one round trip, not one interval
        }
    }

    void onTick(long now) {
        if (state == HaState.BACKUP && !stopping && now >= peerDeadlineMs) {
            becomeMaster(lastPeerAdvert == null ? "no advert from the peer since start"
                    : "no advert from the peer for " + (now - lastPeerAdvertAtMs) + " ms", now);
        }
        if (state == HaState.BACKUP && preempt && preemptDelayMs > 0 && lastPeerAdvert != null
                && lastPeerAdvert.state() == HaState.MASTER && now - lastPeerAdvertAtMs < deadIntervalMs) {
            onPreemptTimer(now);
        }
    }

    private void onPreemptTimer(long now) {
        if (Advert.outranks(priority, nodeId, lastPeerAdvert) && now - backupSinceMs >= preemptDelayMs) {
            becomeMaster("preempting lower-ranked master " + lastPeerAdvert.nodeId() + " after preempt_delay", now);
        }
    }

    /**
     * A backup whose master's advert is late: the heartbeat then probes faster, since the ICMP answer that proves
     * a crash comes only in reply to an advert of ours (a dying process keeps its socket for a while).
     */
    boolean masterOverdue(long now, long overdueAfterMs) {
        return state == HaState.BACKUP && !stopping && lastPeerAdvert != null
                && lastPeerAdvert.state() == HaState.MASTER && now - lastPeerAdvertAtMs > overdueAfterMs;
    }

    /** The earliest time {@link #onTick} has something to decide. */
    long nextDeadline(long now) {
        long next = state == HaState.BACKUP ? peerDeadlineMs : Long.MAX_VALUE;
        if (state == HaState.BACKUP && preempt && preemptDelayMs > 0) {
            next = Math.min(next, Math.max(now, backupSinceMs + preemptDelayMs));
        }
        return next;
    }

    /** A tracked check changed (the SIP listener, later Redis). */
    void onHealth(boolean nowHealthy, String reason, long now) {
        if (nowHealthy == healthy) {
            return;
        }
        healthy = nowHealthy;
        if (!nowHealthy) {
            become(HaState.FAULT, reason, now);
        } else if (state == HaState.FAULT) {
            become(HaState.BACKUP, "healthy again", now);
            peerDeadlineMs = now + deadIntervalMs;
        }
    }

    /** A clean stop: from now on adverts carry priority 0 and we never take the VIP. */
    void stop(long now) {
        stopping = true;
        if (state == HaState.MASTER) {
            become(HaState.BACKUP, "stopping", now);
        }
    }

    private void becomeMaster(String reason, long now) {
        if (!lease.mayBeMaster()) {
            return;
        }
        become(HaState.MASTER, reason, now);
    }

    private void become(HaState next, String reason, long now) {
        HaState previous = state;
        if (previous == next) {
            return;
        }
        state = next;
        if (next == HaState.BACKUP) {
            backupSinceMs = now;
        }
        if (previous == HaState.MASTER) {
            lease.released();
        }
        effects.transition(previous, next, reason);
        effects.advertNow();
    }
}
