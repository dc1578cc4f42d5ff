package io.sipfront.core.admin;

import java.util.Objects;

/**
 * A component's state: {@code UP}; {@code DEGRADED} (serving, but something needs an operator,
 * e.g. the number store is unreachable and cached rules are in use); {@code DOWN} (not serving).
 */
public record HealthStatus(Level level, String detail) {
    public enum Level { UP, DEGRADED, DOWN }

    public HealthStatus {
        Objects.requireNonNull(level, "level");
        detail = detail == null ? "" : detail;
    }

    public static HealthStatus up() {
        return new HealthStatus(Level.UP, "");
    }

    public static HealthStatus degraded(String detail) {
        return new HealthStatus(Level.DEGRADED, detail);
    }

    public static HealthStatus down(String detail) {
        return new HealthStatus(Level.DOWN, detail);
    }
}
