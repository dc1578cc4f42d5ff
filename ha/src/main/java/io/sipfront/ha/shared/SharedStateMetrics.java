package io.sipfront.ha.shared;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.BooleanSupplier;

/** {@code sipfront_shared_state_*}: messages published and received, peer facts applied, Redis errors, link up. */
final class SharedStateMetrics {
    final Counter published;
    final Counter received;
    final Counter applied;
    final Counter errors;

    SharedStateMetrics(MeterRegistry registry, BooleanSupplier connected) {
        published = Counter.builder("sipfront.shared_state.published")
                .description("messages this node published to its peers").register(registry);
        received = Counter.builder("sipfront.shared_state.received")
                .description("messages received from peers (own echoes not counted)").register(registry);
        applied = Counter.builder("sipfront.shared_state.applied")
                .description("peer observations and operator actions that changed something here")
                .register(registry);
        errors = Counter.builder("sipfront.shared_state.errors")
                .description("failed Redis operations and unreadable messages").register(registry);
        Gauge.builder("sipfront.shared_state.connected", () -> connected.getAsBoolean() ? 1 : 0)
                .description("1 while Redis is reachable").register(registry);
    }
}
