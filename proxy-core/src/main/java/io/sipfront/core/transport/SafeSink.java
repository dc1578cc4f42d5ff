package io.sipfront.core.transport;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Shields the event loop from a throwing {@link MessageSink}: a bug upstream must cost one message,
 * not the connection it came on (nor, for UDP, the listening socket's read loop).
 */
final class SafeSink {
    private static final Logger log = LoggerFactory.getLogger(SafeSink.class);

    private final MessageSink sink;

    SafeSink(MessageSink sink) {
        this.sink = sink;
    }

    void deliver(InboundMessage message) {
        try {
            sink.onMessage(message);
        } catch (RuntimeException e) {
            log.warn("message sink threw on a {} message from {}", message.transport(), message.source(), e);
        }
    }
}
