package io.sipfront.core.lane;

import io.sipfront.core.edge.Admission;
import io.sipfront.dispatcher.DestinationHealth;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Answered calls of one lane and the slots each holds until its BYE: its destination's ({@code max_calls}) and its
 * inbound limits' ({@code edge}: concurrent calls of a carrier or trunk group). Sipfront keeps no dialog state, so a
 * call whose BYE never passes through gives its slots back after {@link #LIMIT_MS}: checked whenever a call is
 * answered or a new inbound call arrives (oldest first, insertion order), so no timer per call.
 */
public final class EstablishedCalls {
    /** Longer than any real call; bounds what a lost BYE can cost. */
    public static final long LIMIT_MS = 6 * 3600_000L;

    private record Entry(DestinationHealth health, Admission admission, long answeredNanos) {
        void release() {
            if (health != null) {
                health.callEnded();
            }
            admission.release();
        }
    }

    private final Map<String, Entry> byCallId = new LinkedHashMap<>();

    /** The call {@code callId} was answered by {@code health} and holds one of its slots. */
    public void answered(String callId, DestinationHealth health, long nowNanos) {
        answered(callId, health, Admission.FREE, nowNanos);
    }

    /**
     * The call {@code callId} was answered: it holds a slot of {@code health} (null: none) and the slots of
     * {@code admission} until its BYE.
     */
    public void answered(String callId, DestinationHealth health, Admission admission, long nowNanos) {
        expire(nowNanos);
        Entry old = byCallId.remove(callId);
        if (old != null) {
            old.release();
        }
        byCallId.put(callId, new Entry(health, admission, nowNanos));
    }

    /** A BYE for {@code callId} went through: its destination gets the slot back. */
    public void end(String callId) {
        Entry e = byCallId.remove(callId);
        if (e != null) {
            e.release();
        }
    }

    /** Gives back the slots of calls answered longer than {@link #LIMIT_MS} ago (their BYE was lost). */
    public void expire(long nowNanos) {
        long limit = TimeUnit.MILLISECONDS.toNanos(LIMIT_MS);
        Iterator<Entry> it = byCallId.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (nowNanos - e.answeredNanos() < limit) {
                return;
            }
            it.remove();
            e.release();
        }
    }
}
