package io.sipfront.core.admin;

/** A handler's refusal with an HTTP status, e.g. 404 for an unknown destination id. */
public final class AdminException extends Exception {
    private final int status;

    public AdminException(int status, String message) {
        super(message);
        this.status = status;
    }

    public int status() {
        return status;
    }
}
