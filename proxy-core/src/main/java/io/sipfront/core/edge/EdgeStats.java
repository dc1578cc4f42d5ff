package io.sipfront.core.edge;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the edge's decisions; metrics and the {@code stats:} line read them. */
public final class EdgeStats {
    /** Requests from banned sources, dropped unparsed. */
    public final LongAdder droppedBanned = new LongAdder();
    /** Requests with a scanner's User-Agent from unknown sources, dropped unanswered. */
    public final LongAdder droppedScanner = new LongAdder();
    public final LongAdder bans = new LongAdder();
    public final LongAdder unbans = new LongAdder();
    /** Requests from a carrier over its request limit, answered 503. */
    public final LongAdder carrierFlood503 = new LongAdder();
    /** 403s to unknown sources sent, and left unsent because the 403 budget was used up. */
    public final LongAdder forbiddenSent = new LongAdder();
    public final LongAdder forbiddenSuppressed = new LongAdder();
    /** New calls refused (503) by an inbound limit. */
    public final LongAdder callsRefusedByLimit = new LongAdder();
    /** Contact headers rewritten for a source behind NAT. */
    public final LongAdder contactsFixed = new LongAdder();
}
