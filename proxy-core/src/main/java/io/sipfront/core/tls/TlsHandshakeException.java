package io.sipfront.core.tls;

import java.io.IOException;

/**
 * A connection whose TLS handshake failed: every message waiting for it fails with this, so the attempt fails at
 * once (the call fails over) and the destination's health shows {@link #failure()}'s reason.
 */
public final class TlsHandshakeException extends IOException {
    private final transient TlsFailure failure;

    public TlsHandshakeException(String peer, TlsFailure failure, Throwable cause) {
        super("TLS handshake with " + peer + " failed: " + failure.reason(), cause);
        this.failure = failure;
    }

    public TlsFailure failure() {
        return failure;
    }

    /** The operator's reason when {@code cause} is (or wraps) a failed handshake, else null. */
    public static String reasonOf(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause()) {
            if (t instanceof TlsHandshakeException handshake) {
                return handshake.failure().reason();
            }
        }
        return null;
    }
}
