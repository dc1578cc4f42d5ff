package io.sipfront.core.sip;

import gov.nist.core.GenericObject;

import java.util.concurrent.ConcurrentHashMap;

/**
 * Lines already parsed (header lines, or start lines), by their exact text, so that a line seen again is
 * copied instead of parsed. Most lines of a call repeat: From, To, Call-ID and Contact in every message of
 * the dialog, our Record-Route and the caller's Via in every response, {@code CSeq: 1 INVITE} and
 * {@code Max-Forwards: 70} in every call, and the start lines: {@code SIP/2.0 180 Ringing}, the ACK and BYE
 * to the same Contact. JAIN-SIP's parse of a line, with the checks {@link CheckedMsgParser} adds, costs
 * several times a copy of its result, and was about 40 % of an event loop's CPU (docs/performance.md).
 *
 * <p>What {@link CheckedMsgParser} makes of a line depends only on the line, so a copy of an earlier
 * result is exactly what parsing it again would give. Only lines that parsed and passed every check are
 * kept; the cache holds its own copy and hands out copies, so nothing a message does to its headers
 * reaches the cache.
 *
 * <p>Shared by the event loops: a call's requests and its responses are usually read by different loops
 * (one socket per loop, the kernel picks one per peer), and the lines they share are the ones worth
 * keeping. At most {@code capacity} lines of at most {@link #MAX_TEXT} characters: when full it is
 * emptied and fills again with the lines in use, so unique lines from a flood cost a copy each and nothing
 * more. Thread-safe.
 */
final class ParsedLineCache<T extends GenericObject> {

    /** Longer lines are parsed every time: they are rarely repeated and would make the cache large. */
    static final int MAX_TEXT = 256;

    private final int capacity;
    private final ConcurrentHashMap<String, T> lines;

    ParsedLineCache(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1, was " + capacity);
        }
        this.capacity = capacity;
        this.lines = new ConcurrentHashMap<>(capacity * 2);
    }

    /** A copy of what {@code text} parsed to before, or null when it is not kept. */
    @SuppressWarnings("unchecked") // a copy of a T is a T
    T copyOf(String text) {
        T kept = text.length() <= MAX_TEXT ? lines.get(text) : null;
        return kept == null ? null : (T) kept.clone();
    }

    /**
     * Keeps a copy of {@code parsed}, what {@code text} parsed to after passing every check. Call before the
     * result is attached to its message, which may change it.
     */
    @SuppressWarnings("unchecked")
    void parsed(String text, T parsed) {
        if (text.length() > MAX_TEXT) {
            return;
        }
        if (lines.size() >= capacity) {
            lines.clear();
        }
        lines.putIfAbsent(text, (T) parsed.clone());
    }

    int size() {
        return lines.size();
    }
}
