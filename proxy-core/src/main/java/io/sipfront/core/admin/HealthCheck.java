package io.sipfront.core.admin;

/**
 * One component's contribution to {@code GET /health}. Called on the admin server's threads;
 * must answer from memory (no network round trip).
 */
public interface HealthCheck {
    /** Short stable name shown in the health document, e.g. {@code "number-store"}. */
    String name();

    HealthStatus check();
}
