package io.sipfront.core.routing;

import io.sipfront.config.RoutingRule;
import io.sipfront.config.TrunkGroup;
import io.sipfront.core.admin.AdminException;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRequest;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.core.admin.HealthCheck;
import io.sipfront.core.admin.HealthStatus;
import io.sipfront.dispatcher.CandidateSelector;
import io.sipfront.dispatcher.DestinationHealth;
import io.sipfront.dispatcher.DestinationSet;
import io.sipfront.dispatcher.HealthState;
import io.sipfront.dispatcher.OperatorAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The destinations and rules part of the admin API: {@code GET /api/v1/destinations}, {@code POST
 * /api/v1/destinations/{set}/{id}/disable|enable|drain}, {@code GET /api/v1/rules}, and the {@code destinations}
 * health check. Everything is answered from memory.
 */
public final class DestinationsAdmin implements AdminExtension {
    /** The name of the check that is DOWN when a direction's default set can take no call. */
    public static final String HEALTH_CHECK = "destinations";

    private final RoutingEngine engine;

    public DestinationsAdmin(RoutingEngine engine) {
        this.engine = engine;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get("/api/v1/destinations", r -> AdminReply.ok(destinations())),
                AdminRoute.post("/api/v1/destinations/{set}/{id}/disable", r -> act(r, OperatorAction.DISABLE)),
                AdminRoute.post("/api/v1/destinations/{set}/{id}/enable", r -> act(r, OperatorAction.ENABLE)),
                AdminRoute.post("/api/v1/destinations/{set}/{id}/drain", r -> act(r, OperatorAction.DRAIN)),
                AdminRoute.get("/api/v1/rules", r -> AdminReply.ok(rules())));
    }

    @Override
    public List<HealthCheck> healthChecks() {
        return List.of(new HealthCheck() {
            @Override
            public String name() {
                return HEALTH_CHECK;
            }

            @Override
            public HealthStatus check() {
                return health();
            }
        });
    }

    List<Map<String, Object>> destinations() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (DestinationHealth h : engine.registry().all()) {
            out.add(view(h));
        }
        return out;
    }

    private AdminReply act(AdminRequest request, OperatorAction action) throws AdminException {
        String set = request.pathParam("set");
        String id = request.pathParam("id");
        DestinationHealth h = engine.registry().get(set, id);
        if (h == null) {
            throw new AdminException(404, "no destination '" + id + "' in set '" + set + "'");
        }
        engine.operatorAction(h, action);
        return AdminReply.ok(view(h));
    }

    static Map<String, Object> view(DestinationHealth h) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("set", h.set());
        m.put("id", h.destination().id());
        m.put("uri", h.destination().uri());
        m.put("state", h.state().apiName());
        m.put("suspect", h.suspect());
        m.put("draining", h.draining());
        m.put("drained", h.drained());
        m.put("reason", h.problem());
        m.put("carrier", h.destination().carrier().orElse(null));
        Map<String, Object> probe = new LinkedHashMap<>();
        probe.put("enabled", h.settings().probe());
        probe.put("time", h.lastProbeMillis() == 0 ? null : Instant.ofEpochMilli(h.lastProbeMillis()).toString());
        probe.put("code", h.lastProbeCode() == 0 ? null : h.lastProbeCode());
        probe.put("rtt_ms", h.lastProbeRttMillis() < 0 ? null : h.lastProbeRttMillis());
        m.put("last_probe", probe);
        m.put("calls_in_progress", h.callsInProgress());
        m.put("max_calls", h.destination().maxCalls());
        m.put("max_cps", h.destination().maxCps());
        Map<String, Object> counters = new LinkedHashMap<>();
        counters.put("attempts", h.attempts.sum());
        counters.put("answered", h.answered.sum());
        counters.put("failures", h.failures.sum());
        counters.put("probes_sent", h.probesSent.sum());
        counters.put("probe_misses", h.probeMisses.sum());
        m.put("counters", counters);
        // Where it is reached now: for a name, the address DNS gave this target (null until it answers). Last, so
        // that clients matching the fields before it see them unchanged.
        java.net.InetSocketAddress a = h.destination().address();
        m.put("address", a.isUnresolved() ? null : a.getAddress().getHostAddress() + ":" + a.getPort());
        return m;
    }

    Map<String, Object> rules() {
        RoutingTable t = engine.table();
        List<Map<String, Object>> rules = new ArrayList<>();
        for (RoutingRule r : t.routing().rules()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("name", r.name());
            m.put("number", r.number() == null ? null : r.number().pattern());
            m.put("source", r.source());
            m.put("header", r.headerName() == null ? null : Map.of("name", r.headerName(),
                    "value", r.headerValue().pattern()));
            m.put("trunk_group", r.trunkGroup());
            m.put("sets", t.routing().trunkGroup(r.trunkGroup()).sets());
            rules.add(m);
        }
        Map<String, Object> groups = new LinkedHashMap<>();
        for (TrunkGroup g : t.routing().trunkGroups()) {
            groups.put(g.name(), g.sets());
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rules", rules);
        out.put("trunk_groups", groups);
        out.put("default", Map.of("inbound", t.routing().inboundSet(), "outbound", t.routing().outboundSet()));
        return out;
    }

    /** DOWN when a direction's default set can take no call; DEGRADED when any destination is not active. */
    HealthStatus health() {
        RoutingTable t = engine.table();
        for (String setName : List.of(t.routing().inboundSet(), t.routing().outboundSet())) {
            DestinationSet set = t.sets().get(setName);
            if (!CandidateSelector.anyAvailable(set, engine.registry())) {
                return HealthStatus.down("set '" + setName + "' has no destination that can take a call");
            }
        }
        List<String> unwell = new ArrayList<>();
        for (DestinationHealth h : engine.registry().all()) {
            if (h.state() != HealthState.ACTIVE) {
                unwell.add(h.set() + "/" + h.destination().id() + " " + h.state().apiName());
            }
        }
        return unwell.isEmpty() ? HealthStatus.up() : HealthStatus.degraded(String.join(", ", unwell));
    }
}
