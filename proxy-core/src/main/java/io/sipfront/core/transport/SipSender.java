package io.sipfront.core.transport;

/**
 * Sends serialized SIP messages. Safe to call from any thread; cheapest from an event loop of the
 * transport's group (UDP then leaves on that loop's own socket without a thread hop).
 */
public interface SipSender {
    /**
     * Sends one message. Never blocks. A TCP target with no open flow gets a connection opened (and reused
     * for later messages to the same address). {@code onFailure} is called, at most once, if the message
     * could not be handed to the network.
     */
    void send(OutboundTarget target, byte[] bytes, SendFailureListener onFailure);
}
