package io.sipfront.core.sip;

import gov.nist.javax.sip.header.SIPHeader;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Headers already parsed, by their exact text, so that a header line seen again is copied instead of
 * parsed. Most lines of a call repeat: From, To, Call-ID and Contact in every message of the dialog, our
 * Record-Route and the caller's Via in every response, {@code CSeq: 1 INVITE} and {@code Max-Forwards: 70}
 * in every call. JAIN-SIP's parse of a line, with the checks {@link CheckedMsgParser} adds, costs several
 * times a copy of its result, and was about 40 % of an event loop's CPU (docs/performance.md).
 *
 * <p>What {@link CheckedMsgParser} makes of a line depends only on the line, so a copy of an earlier
 * result is exactly what parsing it again would give. Only lines that parsed and passed every check are
 * kept; the cache holds its own copy and hands out copies, so nothing a message does to its headers
 * reaches the cache. A line is kept the second time it is seen: lines seen once (a new branch, a new
 * Call-ID) cost a map entry, not a copy. At most {@code capacity} lines of at most {@link #MAX_TEXT}
 * characters, oldest out first, so unique lines from a flood only churn the map.
 *
 * <p>Not thread-safe: one per parsing thread ({@link SipParser}).
 */
final class HeaderCache {

    /** Longer lines are parsed every time: they are rarely repeated and would make the cache large. */
    static final int MAX_TEXT = 256;

    private static final SIPHeader SEEN_ONCE = new gov.nist.javax.sip.header.ExtensionHeaderImpl("seen-once");

    private final Map<String, SIPHeader> lines;

    HeaderCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        // Insertion order, not access order: a hit then writes nothing, so the map, which lives in the old
        // generation, does not dirty the cards every young collection scans. The oldest line goes first; a
        // line still in use comes back at its next two sightings.
        this.lines = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, SIPHeader> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A copy of what {@code text} parsed to before, or null when it was not kept (yet). */
    SIPHeader copyOf(String text) {
        SIPHeader kept = text.length() <= MAX_TEXT ? lines.get(text) : null;
        return kept == null || kept == SEEN_ONCE ? null : (SIPHeader) kept.clone();
    }

    /**
     * Notes that {@code text} parsed to {@code header} and passed every check; keeps a copy if the line
     * was seen before. Call before the header is attached to its message.
     */
    void parsed(String text, SIPHeader header) {
        if (text.length() > MAX_TEXT) {
            return;
        }
        SIPHeader before = lines.putIfAbsent(text, SEEN_ONCE);
        if (before == SEEN_ONCE) {
            lines.put(text, (SIPHeader) header.clone());
        }
    }

    int size() {
        return lines.size();
    }
}
