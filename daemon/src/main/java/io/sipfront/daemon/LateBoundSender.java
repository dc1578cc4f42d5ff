package io.sipfront.daemon;

import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.core.transport.SendFailureListener;
import io.sipfront.core.transport.SipSender;

/**
 * Breaks the start-up cycle between the proxy (which sends through the transport) and the transport (which
 * delivers to the proxy): the proxy gets this sender, the transport is plugged in once bound.
 */
final class LateBoundSender implements SipSender {
    private volatile SipSender delegate;

    void bind(SipSender sender) {
        this.delegate = sender;
    }

    @Override
    public void send(OutboundTarget target, byte[] bytes, SendFailureListener onFailure) {
        SipSender d = delegate;
        if (d == null) {
            // Only possible in the microseconds between bind and this call: behave like a lost datagram.
            onFailure.sendFailed(target, new IllegalStateException("transport not started yet"));
            return;
        }
        d.send(target, bytes, onFailure);
    }
}
