package io.sipfront.core.edge;

import io.sipfront.config.EdgeSettings;
import io.sipfront.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * New inbound calls per carrier and per trunk group: calls per second and calls at once ({@link CallLimit}). The
 * limits are one immutable map in a volatile field, replaced by a reload; a limit that keeps its name keeps its
 * counters. The counters live in this process: in an HA pair only the node holding the VIP counts, and a node that
 * takes over starts from zero (docs/operations.md).
 */
public final class InboundLimits {
    private record Table(Map<String, CallLimit> carriers, Map<String, CallLimit> trunkGroups) {
    }

    private final Clock clock;
    private volatile Table table = new Table(Map.of(), Map.of());

    public InboundLimits(Clock clock, EdgeSettings settings) {
        this.clock = clock;
        apply(settings);
    }

    /** A reload: new limits for the next call; calls in progress keep their slots. */
    public synchronized void apply(EdgeSettings settings) {
        Table old = table;
        table = new Table(build("carrier", settings.carriers(), old.carriers()),
                build("trunk_group", settings.trunkGroups(), old.trunkGroups()));
    }

    private Map<String, CallLimit> build(String kind, List<EdgeSettings.Limits> list, Map<String, CallLimit> old) {
        Map<String, CallLimit> out = new HashMap<>();
        for (EdgeSettings.Limits l : list) {
            if (l.callsPerSecond() > 0 || l.maxConcurrentCalls() > 0) {
                out.put(l.name(), new CallLimit(kind, l, clock, old.get(l.name())));
            }
        }
        return Map.copyOf(out);
    }

    /** A new call from {@code carrier}, before routing. */
    public Admission admitCarrier(String carrier) {
        return admit(table.carriers().get(carrier));
    }

    /** The same call once routing chose {@code trunkGroup} (null: the default set, no group). */
    public Admission admitTrunkGroup(Admission carrier, String trunkGroup) {
        if (trunkGroup == null) {
            return carrier;
        }
        return carrier.and(admit(table.trunkGroups().get(trunkGroup)));
    }

    private static Admission admit(CallLimit limit) {
        if (limit == null) {
            return Admission.FREE;
        }
        String refused = limit.tryAdmit();
        return refused == null ? Admission.holding(limit) : Admission.refused(refused);
    }

    /** Each limit with its calls in progress and refusals, for the API. */
    public List<Map<String, Object>> view() {
        Table t = table;
        List<Map<String, Object>> out = new ArrayList<>();
        add(out, t.carriers().values());
        add(out, t.trunkGroups().values());
        return out;
    }

    private static void add(List<Map<String, Object>> out, Collection<CallLimit> limits) {
        for (CallLimit l : limits.stream().sorted((a, b) -> a.settings.name().compareTo(b.settings.name())).toList()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("kind", l.kind);
            m.put("name", l.settings.name());
            m.put("calls_per_second", l.settings.callsPerSecond());
            m.put("burst", l.settings.burst());
            m.put("max_concurrent_calls", l.settings.maxConcurrentCalls());
            m.put("calls_in_progress", l.active.get());
            m.put("refused_calls_per_second", l.refusedForRate.sum());
            m.put("refused_max_concurrent_calls", l.refusedForConcurrency.sum());
            out.add(m);
        }
    }

    /** Every limit, for metrics. */
    List<CallLimit> all() {
        Table t = table;
        List<CallLimit> out = new ArrayList<>(t.carriers().values());
        out.addAll(t.trunkGroups().values());
        return out;
    }
}
