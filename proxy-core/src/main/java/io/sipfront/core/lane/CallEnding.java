package io.sipfront.core.lane;

import java.net.InetSocketAddress;

/** Told once when an answered call ends: its BYE went through, or it was held past {@link EstablishedCalls#LIMIT_MS}. */
@FunctionalInterface
public interface CallEnding {
    /**
     * @param byeFrom  where the BYE came from, or null when the call expired without one
     * @param nowNanos the lane clock
     */
    void ended(InetSocketAddress byeFrom, long nowNanos);

    CallEnding NONE = (byeFrom, nowNanos) -> {
    };
}
