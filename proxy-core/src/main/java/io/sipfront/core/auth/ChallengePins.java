package io.sipfront.core.auth;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Which destination challenged a request of a call, when the challenge went back to the caller (a carrier without
 * an account): the caller's retry with credentials (same Call-ID, higher CSeq) must go to the carrier that issued
 * the nonce, never to another one. Lane-confined; an entry lives {@link #TTL_MS}, long enough for any UA to answer.
 *
 * @param <T> what routing needs to go back there (the proxy's hop)
 */
public final class ChallengePins<T> {
    /** 64*T1 with the default T1: an answer later than a transaction's lifetime is a new request. */
    public static final long TTL_MS = 32_000;
    static final int MAX_ENTRIES = 100_000;

    private record Pin<T>(T target, long sinceNanos) {
    }

    private final Map<String, Pin<T>> byCallId = new LinkedHashMap<>();

    public void pin(String callId, T target, long nowNanos) {
        expire(nowNanos);
        byCallId.remove(callId);
        if (byCallId.size() >= MAX_ENTRIES) {
            Iterator<String> oldest = byCallId.keySet().iterator();
            oldest.next();
            oldest.remove();
        }
        byCallId.put(callId, new Pin<>(target, nowNanos));
    }

    /** The destination that challenged {@code callId} in the last {@link #TTL_MS}, or null. */
    public T pinned(String callId, long nowNanos) {
        expire(nowNanos);
        Pin<T> p = byCallId.get(callId);
        return p == null ? null : p.target;
    }

    public int size() {
        return byCallId.size();
    }

    private void expire(long nowNanos) {
        long ttl = TimeUnit.MILLISECONDS.toNanos(TTL_MS);
        Iterator<Pin<T>> it = byCallId.values().iterator();
        while (it.hasNext()) {
            if (nowNanos - it.next().sinceNanos < ttl) {
                return;
            }
            it.remove();
        }
    }
}
