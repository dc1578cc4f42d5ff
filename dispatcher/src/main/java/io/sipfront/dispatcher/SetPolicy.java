package io.sipfront.dispatcher;

import java.util.Objects;

/**
 * How one set behaves when destinations fail.
 *
 * @param failoverMode which health states still take new calls
 * @param hashHeader   the header whose value the hash algorithm uses; {@code null} means the Call-ID
 * @param health       probing and passive health
 */
public record SetPolicy(FailoverMode failoverMode, String hashHeader, HealthSettings health) {
    public static final SetPolicy DEFAULTS = new SetPolicy(FailoverMode.DEGRADED, null, HealthSettings.OFF);

    public SetPolicy {
        Objects.requireNonNull(failoverMode, "failoverMode");
        Objects.requireNonNull(health, "health");
    }
}
