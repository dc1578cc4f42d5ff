package io.sipfront.ha;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The HA meters of a daemon without an {@code ha} section: the same names a node registers, reading 0 (not master,
 * no VIP, nothing sent), so one dashboard and one set of alert rules fit every daemon.
 */
public final class HaMeters {
    private HaMeters() {
    }

    public static void registerWithoutHa(MeterRegistry registry) {
        new HaMetrics(registry, 1_000);
        Gauge.builder("sipfront.ha.master", () -> 0).register(registry);
        Gauge.builder("sipfront.ha.vip.held", () -> 0).register(registry);
    }
}
