package io.sipfront.core.sip;

import gov.nist.core.GenericObject;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Lines already parsed (header lines, or start lines), by their exact text, so that a line seen again is
 * copied instead of parsed. Most lines of a call repeat: From, To, Call-ID and Contact in every message of the dialog, our
 * Record-Route and the caller's Via in every response, {@code CSeq: 1 INVITE} and {@code Max-Forwards: 70}
 * in every call, and the start lines: {@code SIP/2.0 180 Ringing}, the ACK and BYE to the same Contact.
 * JAIN-SIP's parse of a line, with the checks {@link CheckedMsgParser} adds, costs several
 * times a copy of its result, and was about 40 % of an event loop's CPU (docs/performance.md).
 *
 * <p>What {@link CheckedMsgParser} makes of a line depends only on the line, so a copy of an earlier
 * result is exactly what parsing it again would give. Only lines that parsed and passed every check are
 * kept; the cache holds its own copy and hands out copies, so nothing a message does to its headers
 * reaches the cache. A line is kept the second time it is seen: lines seen once (a new branch, a new
 * Call-ID) cost a map entry, not a copy. At most {@code capacity} lines of at most {@link #MAX_TEXT}
 * characters, oldest out first, so unique lines from a flood only churn the map.
 *
 * <p>Not thread-safe: one per parsing thread and kind of line ({@link SipParser}).
 */
final class ParsedLineCache<T extends GenericObject> {

    /** Longer lines are parsed every time: they are rarely repeated and would make the cache large. */
    static final int MAX_TEXT = 256;

    private static final Object SEEN_ONCE = new Object();

    private final Map<String, Object> lines;

    ParsedLineCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        // Insertion order, not access order: a hit then writes nothing, so the map, which lives in the old
        // generation, does not dirty the cards every young collection scans. The oldest line goes first; a
        // line still in use comes back at its next two sightings.
        this.lines = new LinkedHashMap<>(capacity * 2, 0.75f, false) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Object> eldest) {
                return size() > capacity;
            }
        };
    }

    /** A copy of what {@code text} parsed to before, or null when it was not kept (yet). */
    @SuppressWarnings("unchecked") // only parsed() puts, and only Ts
    T copyOf(String text) {
        Object kept = text.length() <= MAX_TEXT ? lines.get(text) : null;
        return kept == null || kept == SEEN_ONCE ? null : (T) ((T) kept).clone();
    }

    /**
     * Notes that {@code text} parsed to {@code parsed} and passed every check; keeps a copy if the line
     * was seen before. Call before the result is attached to its message.
     */
    void parsed(String text, T parsed) {
        if (text.length() > MAX_TEXT) {
            return;
        }
        Object before = lines.putIfAbsent(text, SEEN_ONCE);
        if (before == SEEN_ONCE) {
            lines.put(text, parsed.clone());
        }
    }

    int size() {
        return lines.size();
    }
}
