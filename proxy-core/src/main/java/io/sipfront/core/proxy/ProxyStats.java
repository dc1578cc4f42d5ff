package io.sipfront.core.proxy;

import io.sipfront.core.call.CallCounters;
import java.util.concurrent.atomic.LongAdder;

/** Counters of the proxy's decisions. Plain adders; a metrics binding and the {@code stats:} line read them. */
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
    /** Responses for a transaction of another cluster node, relayed to it over the back net. */
    public final LongAdder responsesRelayedToPeer = new LongAdder();
    public final LongAdder internalErrors = new LongAdder();
    /** Call setups by the class of their final answer. */
    public final CallCounters calls = new CallCounters();
}
