package io.sipfront.core.transport;

/**
 * Told when a message could not be handed to the network: TCP connect refused or reset, write failed,
 * or a UDP send error. Called on an event loop; must not block.
 */
@FunctionalInterface
public interface SendFailureListener {
    SendFailureListener IGNORE = (target, cause) -> { };

    void sendFailed(OutboundTarget target, Throwable cause);
}
