package io.sipfront.core.lane;

import io.sipfront.core.edge.Admission;
import io.sipfront.dispatcher.DestinationHealth;
import java.net.InetSocketAddress;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Answered calls of one lane, until their BYE: the slots each holds (its destination's {@code max_calls}, its
 * inbound limits' concurrent calls of a carrier or trunk group) and who wants to know when it ends (the call record).
 * Sipfront keeps no dialog state, so a call whose BYE never passes through gives its slots back after
 * {@link #LIMIT_MS}: checked whenever a call is answered or a new inbound call arrives, and every minute (oldest
 * first, insertion order), so no timer per call.
 */
public final class EstablishedCalls {
    /** Longer than any real call; bounds what a lost BYE can cost. */
    public static final long LIMIT_MS = 6 * 3600_000L;

    private record Entry(DestinationHealth health, Admission admission, long answeredNanos, CallEnding ending) {
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
        answered(callId, health, Admission.FREE, nowNanos, CallEnding.NONE);
    }

    /**
     * The call {@code callId} was answered: it holds a slot of {@code health} (null: none) and the slots of
     * {@code admission} until its BYE, and {@code ending} is told when it ends.
     */
    public void answered(String callId, DestinationHealth health, Admission admission, long nowNanos,
                         CallEnding ending) {
        expire(nowNanos);
        Entry old = byCallId.remove(callId);
        if (old != null) {
            old.release();
        }
        byCallId.put(callId, new Entry(health, admission, nowNanos, ending));
    }

    /** A BYE for {@code callId} from {@code byeFrom} went through: the slots come back, the call's end is told. */
    public void end(String callId, InetSocketAddress byeFrom, long nowNanos) {
        Entry e = byCallId.remove(callId);
        if (e != null) {
            e.release();
            e.ending().ended(byeFrom, nowNanos);
        }
    }

    /** Answered calls held now. */
    public int size() {
        return byCallId.size();
    }

    /** Ends every call answered at least {@link #LIMIT_MS} ago (their BYE never came): slots back, end told. */
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
            e.ending().ended(null, nowNanos);
        }
    }
}
