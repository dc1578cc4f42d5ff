package io.sipfront.core.tls;

/**
 * Certificate, key or CA files that cannot be used, with a message naming the file and the reason. Messages never
 * carry key material: they are written for the log and for {@code check-config}.
 */
public final class TlsSetupException extends Exception {
    public TlsSetupException(String message) {
        super(message);
    }

    public TlsSetupException(String message, Throwable cause) {
        super(message, cause);
    }
}
