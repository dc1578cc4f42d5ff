package io.sipfront.core.lane;

import io.sipfront.config.TimerSettings;
import io.sipfront.core.time.TimerWheel;
import io.sipfront.core.transaction.TransactionContext;
import io.sipfront.core.transport.SipSender;
import java.util.concurrent.Executor;
import java.util.function.BooleanSupplier;

/**
 * One single-threaded lane: every message of a call, and every timer of its transactions, runs here, so the
 * transaction tables of a lane need no locks and a call's messages are handled in arrival order.
 *
 * <p>In the daemon a lane is one Netty event loop (the loop also owns a UDP socket, so what a lane sends leaves
 * without a thread hop). In tests it is a direct executor on the test thread with a fake clock.
 */
public final class Lane implements Executor {
    private final Executor executor;
    private final BooleanSupplier inLane;
    private final TimerWheel timers;
    private final LaneState state;
    private final TransactionContext transactions;

    /**
     * @param sender   how the lane's transactions send
     * @param settings the RFC 3261 timer bases of its transactions
     */
    public Lane(int index, Executor executor, BooleanSupplier inLane, TimerWheel timers, SipSender sender,
                TimerSettings settings) {
        this.executor = executor;
        this.inLane = inLane;
        this.timers = timers;
        this.state = new LaneState(index);
        this.transactions = new TransactionContext(state.transactions, timers, sender, settings, this);
    }

    public TimerWheel timers() {
        return timers;
    }

    /** Tables and counters owned by this lane; touch only from the lane's thread. */
    public LaneState state() {
        return state;
    }

    /** What the transactions of this lane share: its table, timers, sender and timer settings. */
    public TransactionContext transactions() {
        return transactions;
    }

    /** Runs {@code task} on the lane: at once when already on it, else queued. */
    @Override
    public void execute(Runnable task) {
        if (inLane.getAsBoolean()) {
            task.run();
        } else {
            executor.execute(task);
        }
    }
}
