package io.sipfront.core.edge;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The inbound limits' answer for one new call: admitted, holding a slot of each limit that applies until
 * {@link #release()}, or refused by the limit {@link #refusedBy()} names.
 */
public final class Admission {
    /** Admitted with nothing to hold: no limit applies. */
    public static final Admission FREE = new Admission(null, null);

    private final String refusedBy;
    private final CallLimit[] held;
    private final AtomicBoolean released = new AtomicBoolean();

    private Admission(String refusedBy, CallLimit[] held) {
        this.refusedBy = refusedBy;
        this.held = held;
    }

    static Admission refused(String limit) {
        return new Admission(limit, null);
    }

    static Admission holding(CallLimit... limits) {
        return new Admission(null, limits);
    }

    public boolean admitted() {
        return refusedBy == null;
    }

    /** The limit that refused the call ({@code carrier carrier-b: calls_per_second 20}), or null. */
    public String refusedBy() {
        return refusedBy;
    }

    /** True when it holds a slot that must be given back. */
    public boolean holdsSlot() {
        return held != null && held.length > 0;
    }

    /** This admission and {@code next}'s slots together (next being refused gives this one's back). */
    Admission and(Admission next) {
        if (!next.admitted()) {
            release();
            return next;
        }
        if (!holdsSlot()) {
            return next;
        }
        if (!next.holdsSlot()) {
            return this;
        }
        CallLimit[] both = new CallLimit[held.length + next.held.length];
        System.arraycopy(held, 0, both, 0, held.length);
        System.arraycopy(next.held, 0, both, held.length, next.held.length);
        return holding(both);
    }

    /** Gives the slots back; only the first call counts (a failed call and a late BYE cannot both free one). */
    public void release() {
        if (held != null && released.compareAndSet(false, true)) {
            for (CallLimit l : held) {
                l.release();
            }
        }
    }
}
