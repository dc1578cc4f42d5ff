package io.sipfront.config;

/**
 * RFC 3261 timer bases and the proxy's own timers, in milliseconds.
 *
 * @param t1Ms             RTT estimate (default 500)
 * @param t2Ms             maximum retransmit interval for non-INVITE requests and INVITE responses (default 4000)
 * @param t4Ms             maximum time a message stays in the network (default 5000)
 * @param timerCMs         proxy INVITE transaction timeout after a provisional (default 180000)
 * @param firstResponseMs  no response at all from a destination within this → next destination (default 2000)
 */
public record TimerSettings(long t1Ms, long t2Ms, long t4Ms, long timerCMs, long firstResponseMs) {
    public static final TimerSettings DEFAULTS = new TimerSettings(500, 4000, 5000, 180_000, 2000);
}
