package io.sipfront.core.routing;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sipfront.dispatcher.DestinationHealth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The meters of each destination: its state, calls in progress and probe round-trip time. (Call meters:
 * {@code CallMetrics}, next to the other call observers.)
 */
public final class RoutingMetrics {
    /** {@code sipfront_destination_state}: 0 active, 1 degraded, 2 inactive, 3 disabled. */
    public static final String STATE = "sipfront.destination.state";

    private final MeterRegistry registry;
    private final Map<DestinationHealth, List<Meter>> perDestination = new ConcurrentHashMap<>();
    private final Map<DestinationHealth, Timer> probeRtt = new ConcurrentHashMap<>();

    public RoutingMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    public void probeAnswered(DestinationHealth health, long rttMillis) {
        Timer t = probeRtt.get(health);
        if (t != null) {
            t.record(rttMillis, TimeUnit.MILLISECONDS);
        }
    }

    /** Meters for the destinations of the current config; those of removed destinations are dropped. */
    void sync(List<DestinationHealth> current, List<DestinationHealth> removed) {
        for (DestinationHealth h : removed) {
            List<Meter> meters = perDestination.remove(h);
            if (meters != null) {
                meters.forEach(registry::remove);
            }
            Timer t = probeRtt.remove(h);
            if (t != null) {
                registry.remove(t);
            }
        }
        for (DestinationHealth h : current) {
            if (perDestination.containsKey(h)) {
                continue;
            }
            String set = h.set();
            String id = h.destination().id();
            List<Meter> meters = new ArrayList<>();
            meters.add(Gauge.builder(STATE, h, x -> x.state().ordinal())
                    .description("0 active, 1 degraded, 2 inactive, 3 disabled").tag("set", set).tag("id", id)
                    .strongReference(true).register(registry));
            meters.add(Gauge.builder("sipfront.destination.calls", h, DestinationHealth::callsInProgress)
                    .description("calls in progress").tag("set", set).tag("id", id).strongReference(true)
                    .register(registry));
            perDestination.put(h, meters);
            probeRtt.put(h, Timer.builder("sipfront.probe.rtt").description("OPTIONS probe round-trip time")
                    .tag("set", set).tag("id", id).register(registry));
        }
    }
}
