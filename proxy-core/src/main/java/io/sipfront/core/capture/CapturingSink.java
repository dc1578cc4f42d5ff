package io.sipfront.core.capture;

import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.MessageSink;

/** Mirrors every message the transport reads, then hands it on: the inbound half of the capture. */
public final class CapturingSink implements MessageSink {
    private final MessageSink next;
    private final HepCapture capture;

    private CapturingSink(MessageSink next, HepCapture capture) {
        this.next = next;
        this.capture = capture;
    }

    /** {@code next} itself when there is no capture: nothing in the way of a message. */
    public static MessageSink of(MessageSink next, HepCapture capture) {
        return capture == null ? next : new CapturingSink(next, capture);
    }

    @Override
    public void onMessage(InboundMessage m) {
        capture.capture(m.bytes(), m.transport(), m.source(), m.local());
        next.onMessage(m);
    }
}
