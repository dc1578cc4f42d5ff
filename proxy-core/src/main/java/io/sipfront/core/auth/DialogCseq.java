package io.sipfront.core.auth;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * CSeq offsets of the dialogs whose requests a carrier challenged (like Kamailio's dialog {@code track_cseq}). An
 * authenticated retry goes out with CSeq+1 (RFC 3261 §22.2), so from then on the carrier counts one higher than the
 * UA that sends the dialog's requests: its later requests are renumbered toward the carrier, and the responses back
 * to it carry its own numbers again.
 *
 * <p>A dialog is keyed by Call-ID and the From tag of the UA whose numbers are shifted. One lane's map (lane-confined,
 * no locks), told to {@link CseqShare} so the other node of a pair can go on after a takeover. An entry goes with the
 * dialog's BYE, or after {@link #LIMIT_MS} for a dialog whose BYE never passed (checked on every insert, oldest
 * first, so no timer per dialog).
 */
public final class DialogCseq {
    /** Longer than any real call, as for the call slots of established calls. */
    public static final long LIMIT_MS = 6 * 3600_000L;

    private record Entry(int offset, long sinceNanos) {
    }

    private final Map<String, Entry> offsets = new LinkedHashMap<>();

    public static String key(String callId, String fromTag) {
        return callId + ';' + (fromTag == null ? "" : fromTag);
    }

    /** The offset of {@code key}: this lane's own, else what the peer node shared, else 0. */
    public int offset(String key, CseqShare share) {
        Entry e = offsets.get(key);
        if (e != null) {
            return e.offset;
        }
        return share.remote(key);
    }

    /** Sets the offset of {@code key} (a retry went out); 0 removes it. */
    public void set(String key, int offset, long nowNanos, CseqShare share) {
        expire(nowNanos, share);
        offsets.remove(key); // re-inserted at the end: the map stays ordered by time of last change
        if (offset == 0) {
            share.removed(key);
            return;
        }
        offsets.put(key, new Entry(offset, nowNanos));
        share.changed(key, offset);
    }

    /** The dialog ended (BYE): its offset goes. */
    public void remove(String key, CseqShare share) {
        if (offsets.remove(key) != null || share.remote(key) != 0) {
            share.removed(key);
        }
    }

    public int size() {
        return offsets.size();
    }

    private void expire(long nowNanos, CseqShare share) {
        long limit = TimeUnit.MILLISECONDS.toNanos(LIMIT_MS);
        Iterator<Map.Entry<String, Entry>> it = offsets.entrySet().iterator();
        while (it.hasNext()) {
            Map.Entry<String, Entry> e = it.next();
            if (nowNanos - e.getValue().sinceNanos < limit) {
                return;
            }
            it.remove();
            share.removed(e.getKey());
        }
    }
}
