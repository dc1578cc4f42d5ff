package io.sipfront.ha.shared;

import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.core.admin.HealthCheck;
import io.sipfront.core.admin.HealthStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code GET /api/v1/shared-state}: cluster, node, link to Redis, counters and the peers' latest entries; and the
 * {@code shared-state} health check, DEGRADED while Redis is unreachable (the node still serves on its own health).
 */
final class SharedStateAdmin implements AdminExtension {
    private final SharedStateService service;

    SharedStateAdmin(SharedStateService service) {
        this.service = service;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(AdminRoute.get("/api/v1/shared-state", r -> AdminReply.ok(view())));
    }

    @Override
    public List<HealthCheck> healthChecks() {
        return List.of(new HealthCheck() {
            @Override
            public String name() {
                return "shared-state";
            }

            @Override
            public HealthStatus check() {
                return status();
            }
        });
    }

    HealthStatus status() {
        if (service.connected()) {
            return HealthStatus.up();
        }
        return HealthStatus.degraded(service.describeRedis() + " unreachable since "
                + Instant.ofEpochMilli(service.unreachableSinceMillis()) + " (" + service.lastError()
                + "); routing on this node's own health");
    }

    Map<String, Object> view() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("cluster", service.settings().cluster());
        m.put("node", service.settings().nodeId());
        m.put("redis", service.describeRedis());
        m.put("connected", service.connected());
        m.put("last_error", service.connected() ? null : service.lastError());
        m.put("stale_after_ms", service.settings().staleAfterMs());
        Map<String, Object> counters = new LinkedHashMap<>();
        SharedStateMetrics metrics = service.metrics();
        counters.put("published", (long) metrics.published.count());
        counters.put("received", (long) metrics.received.count());
        counters.put("applied", (long) metrics.applied.count());
        counters.put("errors", (long) metrics.errors.count());
        m.put("counters", counters);
        List<Map<String, Object>> peers = new ArrayList<>();
        List<HealthEntry> entries = new ArrayList<>(service.peerEntries());
        entries.sort(Comparator.comparing(HealthEntry::node).thenComparing(HealthEntry::destinationKey));
        for (HealthEntry e : entries) {
            Map<String, Object> p = new LinkedHashMap<>();
            p.put("node", e.node());
            p.put("set", e.set());
            p.put("id", e.id());
            p.put("state", e.state());
            p.put("observed", e.observed());
            p.put("suspect", e.suspect());
            p.put("since", Instant.ofEpochMilli(e.since()).toString());
            p.put("reason", e.reason());
            p.put("updated", Instant.ofEpochMilli(e.updated()).toString());
            peers.add(p);
        }
        m.put("peer_entries", peers);
        return m;
    }
}
