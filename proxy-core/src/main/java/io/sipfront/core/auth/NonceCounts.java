package io.sipfront.core.auth;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How often each (realm, nonce) has been answered, for the {@code nc} of RFC 7616 §3.4: a carrier that keeps its
 * nonce for several requests sees nc increase, never a replay. Bounded, least recently used out first.
 */
public final class NonceCounts {
    static final int MAX_ENTRIES = 4096;

    private final Map<String, Integer> counts = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Integer> eldest) {
            return size() > MAX_ENTRIES;
        }
    };

    /** The nc of the next answer to this nonce: 1 the first time. */
    public int next(String realm, String nonce) {
        return counts.merge(realm + '\n' + nonce, 1, Integer::sum);
    }
}
