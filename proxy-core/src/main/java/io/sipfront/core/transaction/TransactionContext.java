package io.sipfront.core.transaction;

import io.sipfront.config.TimerSettings;
import io.sipfront.core.time.TimerWheel;
import io.sipfront.core.transport.SipSender;
import java.util.concurrent.Executor;

/**
 * What a transaction needs from its lane: where to register, its timers, how to send, the RFC 3261 timer bases,
 * and the lane's executor (send failures are reported on a transport thread and must come back to the lane).
 */
public record TransactionContext(TransactionTable table, TimerWheel timers, SipSender sender,
                                 TimerSettings settings, Executor lane) {
    /** 64*T1: Timers B, F, H, J (unreliable), L and M. */
    long timeout64() {
        return 64 * settings.t1Ms();
    }
}
