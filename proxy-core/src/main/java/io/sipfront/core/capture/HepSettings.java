package io.sipfront.core.capture;

import io.sipfront.net.Transport;
import java.net.InetSocketAddress;
import java.util.Objects;

/**
 * The {@code hep} section: where SIP messages are mirrored in HEP v3 (Homer's heplify-server, sngrep -L, …).
 *
 * @param collector the collector's address, an IP literal and port
 * @param transport {@link Transport#UDP} (one message per datagram) or {@link Transport#TCP}
 * @param captureId the capture agent id (HEP chunk 0x0c) Homer shows as the node
 * @param authKey   the collector's password (HEP chunk 0x0e), or null; never logged
 * @param queueSize messages waiting to be sent before new ones are dropped (and counted)
 */
public record HepSettings(boolean enabled, InetSocketAddress collector, Transport transport, long captureId,
                          String authKey, int queueSize) {
    /** No capture: the section left out. */
    public static final HepSettings DISABLED = new HepSettings(false, null, Transport.UDP, 0, null, 0);
    public static final int DEFAULT_QUEUE_SIZE = 10_000;
    public static final long DEFAULT_CAPTURE_ID = 2001;

    public HepSettings {
        Objects.requireNonNull(transport, "transport");
    }

    @Override
    public String toString() {
        // The auth key is a secret: never in a log line or an exception message.
        return "HepSettings[enabled=" + enabled + ", collector=" + collector + ", transport=" + transport
                + ", captureId=" + captureId + ", authKey=" + (authKey == null ? "none" : "***") + ", queueSize="
                + queueSize + "]";
    }
}
