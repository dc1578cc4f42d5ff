package io.sipfront.core.transport;

/**
 * Receives every framed inbound message. Called on the Netty event loop that read it: it must not block.
 */
@FunctionalInterface
public interface MessageSink {
    void onMessage(InboundMessage message);
}
