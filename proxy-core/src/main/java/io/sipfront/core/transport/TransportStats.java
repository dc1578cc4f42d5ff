package io.sipfront.core.transport;

import java.util.concurrent.atomic.LongAdder;

/**
 * Plain transport counters, updated from every event loop. Monotonic since the transport started;
 * a metrics binding reads them through the getters.
 */
public final class TransportStats {
    final LongAdder datagramsReceived = new LongAdder();
    /** RFC 5626 CRLF keep-alive pings sent on connections we opened. */
    final LongAdder keepAlivesSent = new LongAdder();
    /** Connections we opened that were closed because the peer answered no keep-alive. */
    final LongAdder keepAliveFailures = new LongAdder();
    final LongAdder datagramsSent = new LongAdder();
    final LongAdder oversizeDatagramsDropped = new LongAdder();
    final LongAdder streamMessagesReceived = new LongAdder();
    final LongAdder streamMessagesSent = new LongAdder();
    final LongAdder framingErrors = new LongAdder();
    final LongAdder connectionsAccepted = new LongAdder();
    final LongAdder connectionsRejected = new LongAdder();
    final LongAdder connectionsOpened = new LongAdder();
    final LongAdder connectFailures = new LongAdder();
    final LongAdder connectionsClosedIdle = new LongAdder();
    final LongAdder sendFailures = new LongAdder();

    /** UDP datagrams delivered to the sink (keep-alives and oversize datagrams not included). */
    public long datagramsReceived() {
        return datagramsReceived.sum();
    }

    /** UDP datagrams handed to the kernel. */
    public long datagramsSent() {
        return datagramsSent.sum();
    }

    /** UDP datagrams longer than {@code maxMessageBytes}, dropped rather than delivered truncated. */
    public long oversizeDatagramsDropped() {
        return oversizeDatagramsDropped.sum();
    }

    /** Messages framed from TCP connections and delivered to the sink. */
    public long streamMessagesReceived() {
        return streamMessagesReceived.sum();
    }

    /** Messages written to TCP connections. */
    public long streamMessagesSent() {
        return streamMessagesSent.sum();
    }

    /** TCP connections closed because their byte stream could not be framed. */
    public long framingErrors() {
        return framingErrors.sum();
    }

    /** Inbound TCP connections accepted (within the per-source limit). */
    public long connectionsAccepted() {
        return connectionsAccepted.sum();
    }

    /** Inbound TCP connections closed at once because their source IP was over its limit. */
    public long connectionsRejected() {
        return connectionsRejected.sum();
    }

    /** Outbound TCP connections established. */
    public long connectionsOpened() {
        return connectionsOpened.sum();
    }

    /** Outbound TCP connection attempts that failed (refused, unreachable, timed out). */
    public long connectFailures() {
        return connectFailures.sum();
    }

    /** TCP connections closed after the idle timeout passed without traffic either way. */
    public long connectionsClosedIdle() {
        return connectionsClosedIdle.sum();
    }

    /** Messages whose {@link SendFailureListener} was told they could not be sent. */
    public long sendFailures() {
        return sendFailures.sum();
    }

    @Override
    public String toString() {
        return "TransportStats{datagramsReceived=" + datagramsReceived()
                + ", datagramsSent=" + datagramsSent()
                + ", oversizeDatagramsDropped=" + oversizeDatagramsDropped()
                + ", streamMessagesReceived=" + streamMessagesReceived()
                + ", streamMessagesSent=" + streamMessagesSent()
                + ", framingErrors=" + framingErrors()
                + ", connectionsAccepted=" + connectionsAccepted()
                + ", connectionsRejected=" + connectionsRejected()
                + ", connectionsOpened=" + connectionsOpened()
                + ", connectFailures=" + connectFailures()
                + ", connectionsClosedIdle=" + connectionsClosedIdle()
                + ", sendFailures=" + sendFailures() + '}';
    }

    public long keepAlivesSent() {
        return keepAlivesSent.sum();
    }

    public long keepAliveFailures() {
        return keepAliveFailures.sum();
    }
}
