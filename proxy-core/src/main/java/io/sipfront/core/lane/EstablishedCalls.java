package io.sipfront.core.lane;

import io.sipfront.dispatcher.DestinationHealth;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Answered calls of one lane and the destination whose call slot each holds, until its BYE. Sipfront keeps no
 * dialog state, so a call whose BYE never passes through gives its slot back after {@link #LIMIT_MS}: checked
 * whenever a call is answered (oldest first, insertion order), so no timer per call.
 */
public final class EstablishedCalls {
    /** Longer than any real call; bounds what a lost BYE can cost. */
    public static final long LIMIT_MS = 6 * 3600_000L;

    private record Entry(DestinationHealth health, long answeredNanos) {
    }

    private final Map<String, Entry> byCallId = new LinkedHashMap<>();

    /** The call {@code callId} was answered by {@code health} and holds one of its slots. */
    public void answered(String callId, DestinationHealth health, long nowNanos) {
        expire(nowNanos);
        Entry old = byCallId.remove(callId);
        if (old != null) {
            old.health().callEnded();
        }
        byCallId.put(callId, new Entry(health, nowNanos));
    }

    /** A BYE for {@code callId} went through: its destination gets the slot back. */
    public void end(String callId) {
        Entry e = byCallId.remove(callId);
        if (e != null) {
            e.health().callEnded();
        }
    }

    private void expire(long nowNanos) {
        long limit = TimeUnit.MILLISECONDS.toNanos(LIMIT_MS);
        Iterator<Entry> it = byCallId.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (nowNanos - e.answeredNanos() < limit) {
                return;
            }
            it.remove();
            e.health().callEnded();
        }
    }
}
