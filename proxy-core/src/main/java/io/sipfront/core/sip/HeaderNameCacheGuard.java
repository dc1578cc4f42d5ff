package io.sipfront.core.sip;

import gov.nist.javax.sip.header.SIPHeaderNamesCache;

import java.lang.invoke.MethodHandles;
import java.util.Map;

/**
 * Bounds JAIN-SIP's header-name cache. {@code SIPHeaderNamesCache.toLowerCase} remembers the
 * lower-case form of every header name it is ever asked about, forever, in a static map; every
 * parsed header goes through it, so a peer sending made-up header names grows the heap without
 * limit. Clearing the map is safe at any time (a miss just recomputes the lower-case name), so
 * it is cleared whenever it grows past {@link #LIMIT} entries (the standard names take ~200).
 */
final class HeaderNameCacheGuard {

    static final int LIMIT = 4096;

    private static final Map<?, ?> CACHE = findCache();

    private HeaderNameCacheGuard() {
    }

    /** After each parse. {@code ConcurrentHashMap.size()} is a cheap sum of counters. */
    static void trim() {
        if (CACHE.size() > LIMIT) {
            CACHE.clear();
        }
    }

    static int size() {
        return CACHE.size();
    }

    private static Map<?, ?> findCache() {
        try {
            return (Map<?, ?>) MethodHandles.privateLookupIn(SIPHeaderNamesCache.class, MethodHandles.lookup())
                    .findStaticVarHandle(SIPHeaderNamesCache.class, "lowercaseMap", Map.class)
                    .get();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new IllegalStateException("gov.nist.javax.sip.header.SIPHeaderNamesCache has no static Map "
                    + "lowercaseMap to bound; Sipfront is built for jain-sip-ri 1.3.0-91", e);
        }
    }
}
