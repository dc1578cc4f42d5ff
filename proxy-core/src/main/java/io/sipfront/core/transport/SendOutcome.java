package io.sipfront.core.transport;

import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.util.concurrent.EventExecutor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reports the outcome of one send: counts a success, or tells the message's {@link SendFailureListener}.
 *
 * <p>Failures are always reported later on an event loop, never from inside {@code send()}: a caller that
 * reacts to a failure by sending elsewhere (failover) must not re-enter its own send path.
 */
final class SendOutcome implements ChannelFutureListener {
    private static final Logger log = LoggerFactory.getLogger(SendOutcome.class);

    private final OutboundTarget target;
    private final SendFailureListener onFailure;
    private final TransportStats stats;
    private final LongAdder sentCounter;

    SendOutcome(OutboundTarget target, SendFailureListener onFailure, TransportStats stats, LongAdder sentCounter) {
        this.target = target;
        this.onFailure = onFailure;
        this.stats = stats;
        this.sentCounter = sentCounter;
    }

    @Override
    public void operationComplete(ChannelFuture future) {
        if (future.isSuccess()) {
            sentCounter.increment();
        } else {
            fail(future.channel().eventLoop(), stats, target, onFailure, future.cause());
        }
    }

    /** Counts the failure and tells {@code onFailure} on {@code executor}, as a task of its own. */
    static void fail(EventExecutor executor, TransportStats stats, OutboundTarget target,
                     SendFailureListener onFailure, Throwable cause) {
        stats.sendFailures.increment();
        Runnable tell = () -> tell(target, onFailure, cause);
        try {
            executor.execute(tell);
        } catch (RejectedExecutionException shuttingDown) {
            tell.run(); // the loops are shutting down; telling now beats never telling
        }
    }

    private static void tell(OutboundTarget target, SendFailureListener onFailure, Throwable cause) {
        try {
            onFailure.sendFailed(target, cause);
        } catch (RuntimeException e) {
            log.warn("send failure listener threw for {}", target, e);
        }
    }
}
