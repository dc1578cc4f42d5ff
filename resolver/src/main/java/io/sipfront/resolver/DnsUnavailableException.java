package io.sipfront.resolver;

/**
 * No resolver answered a question (timeout, SERVFAIL, REFUSED, unreachable) and nothing usable was cached.
 * Transient by nature: it never means that a destination is down.
 */
final class DnsUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    DnsUnavailableException(String message) {
        super(message, null, false, false);
    }
}
