package io.sipfront.core.proxy;

import java.util.concurrent.atomic.LongAdder;

/** Counters of the proxy's decisions. Plain adders; a metrics binding reads them. */
public final class ProxyStats {
    public final LongAdder requestsReceived = new LongAdder();
    public final LongAdder responsesReceived = new LongAdder();
    public final LongAdder parseRejected = new LongAdder();
    public final LongAdder parseDropped = new LongAdder();
    public final LongAdder unknownSource = new LongAdder();
    public final LongAdder loopsDetected = new LongAdder();
    public final LongAdder tooManyHops = new LongAdder();
    public final LongAdder retransmissionsAbsorbed = new LongAdder();
    public final LongAdder failovers = new LongAdder();
    public final LongAdder strayResponsesForwarded = new LongAdder();
    public final LongAdder strayResponsesDropped = new LongAdder();
    public final LongAdder internalErrors = new LongAdder();
    /** Final responses to initial INVITEs, by class: index 1..6 for 1xx..6xx. */
    public final LongAdder[] callsByClass = new LongAdder[7];

    public ProxyStats() {
        for (int i = 0; i < callsByClass.length; i++) {
            callsByClass[i] = new LongAdder();
        }
    }
}
