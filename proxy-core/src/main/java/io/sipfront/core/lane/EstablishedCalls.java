package io.sipfront.core.lane;

import io.sipfront.dispatcher.DestinationHealth;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Answered calls of one lane, the destination whose call slot each holds and who wants to know when it ends (the
 * call record), until its BYE. Sipfront keeps no dialog state, so a call whose BYE never passes through gives its
 * slot back after {@link #LIMIT_MS}: checked whenever a call is answered (oldest first, insertion order), so no
 * timer per call.
 */
public final class EstablishedCalls {
    /** Longer than any real call; bounds what a lost BYE can cost. */
    public static final long LIMIT_MS = 6 * 3600_000L;

    private record Entry(DestinationHealth health, long answeredNanos, CallEnding ending) {
    }

    private final Map<String, Entry> byCallId = new LinkedHashMap<>();

    /** The call {@code callId} was answered by {@code health} and holds one of its slots. */
    public void answered(String callId, DestinationHealth health, long nowNanos) {
        answered(callId, health, nowNanos, CallEnding.NONE);
    }

    /**
     * The call {@code callId} was answered; {@code health} (or null) holds one of its slots and {@code ending} is
     * told when the call ends.
     */
    public void answered(String callId, DestinationHealth health, long nowNanos, CallEnding ending) {
        expire(nowNanos);
        Entry old = byCallId.remove(callId);
        if (old != null) {
            release(old);
        }
        byCallId.put(callId, new Entry(health, nowNanos, ending));
    }

    /** A BYE for {@code callId} went through: its destination gets the slot back. */
    public void end(String callId) {
        Entry e = byCallId.remove(callId);
        if (e != null) {
            release(e);
        }
    }

    /** A BYE for {@code callId} from {@code byeFrom} went through: the slot comes back, the call's end is told. */
    public void end(String callId, InetSocketAddress byeFrom, long nowNanos) {
        Entry e = byCallId.remove(callId);
        if (e != null) {
            release(e);
            e.ending().ended(byeFrom, nowNanos);
        }
    }

    /** Answered calls held now. */
    public int size() {
        return byCallId.size();
    }

    /** Ends every call answered at least {@link #LIMIT_MS} ago (their BYE never came). */
    public void expire(long nowNanos) {
        long limit = TimeUnit.MILLISECONDS.toNanos(LIMIT_MS);
        Iterator<Entry> it = byCallId.values().iterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (nowNanos - e.answeredNanos() < limit) {
                return;
            }
            it.remove();
            release(e);
            e.ending().ended(null, nowNanos);
        }
    }

    private static void release(Entry e) {
        if (e.health() != null) {
            e.health().callEnded();
        }
    }
}
