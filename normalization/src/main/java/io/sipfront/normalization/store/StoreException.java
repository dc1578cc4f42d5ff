package io.sipfront.normalization.store;

/** The store could not be read or written (unreachable, locked, corrupt). */
public final class StoreException extends Exception {
    public StoreException(String message, Throwable cause) {
        super(message, cause);
    }
}
