package io.sipfront.daemon.admin;

import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.core.admin.HealthCheck;
import io.sipfront.core.admin.HealthStatus;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * {@code GET /health} (the whole picture), {@code /health/ready} (may this node take traffic: SIP sockets bound
 * and no component DOWN) and {@code /health/live} (is the process still working: its SIP event loops run tasks).
 * 200 when the answer is yes (UP or DEGRADED), 503 when not, so a load balancer or Kubernetes probe needs only
 * the status code.
 */
public final class HealthEndpoint implements AdminExtension {
    private final Supplier<List<HealthCheck>> checks;
    private final BooleanSupplier ready;
    private final BooleanSupplier live;
    private final Predicate<HealthCheck> decidesReadiness;

    public HealthEndpoint(Supplier<List<HealthCheck>> checks, BooleanSupplier ready, BooleanSupplier live) {
        this(checks, ready, live, c -> true);
    }

    /**
     * @param checks every module's checks, asked on each request
     * @param ready  the daemon's own readiness: SIP listeners bound and not shutting down
     * @param live   the SIP event loops answer (see {@link LoopLiveness})
     * @param decidesReadiness the checks whose DOWN makes {@code /health/ready} 503; behind a balancer, a
     *               state every node shares (no carrier left) must not take every node out of the balancer
     */
    public HealthEndpoint(Supplier<List<HealthCheck>> checks, BooleanSupplier ready, BooleanSupplier live,
                          Predicate<HealthCheck> decidesReadiness) {
        this.checks = checks;
        this.ready = ready;
        this.live = live;
        this.decidesReadiness = decidesReadiness;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(AdminRoute.get("/health", r -> health()),
                AdminRoute.get("/health/ready", r -> readiness()),
                AdminRoute.get("/health/live", r -> liveness()));
    }

    private AdminReply health() {
        boolean isReady = ready.getAsBoolean();
        List<Map<String, Object>> parts = new ArrayList<>();
        HealthStatus.Level worst = HealthStatus.Level.UP;
        for (HealthCheck check : checks.get()) {
            HealthStatus status = run(check);
            worst = worse(worst, status.level());
            Map<String, Object> part = new LinkedHashMap<>();
            part.put("name", check.name());
            part.put("status", status.level().name());
            part.put("detail", status.detail());
            parts.add(part);
        }
        HealthStatus.Level overall = isReady ? worst : HealthStatus.Level.DOWN;
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", overall.name());
        body.put("ready", isReady);
        body.put("checks", parts);
        return AdminReply.json(overall == HealthStatus.Level.DOWN ? 503 : 200, body);
    }

    private AdminReply readiness() {
        boolean ok = ready.getAsBoolean()
                && checks.get().stream().filter(decidesReadiness)
                .noneMatch(c -> run(c).level() == HealthStatus.Level.DOWN);
        return AdminReply.json(ok ? 200 : 503, Map.of("status", ok ? "UP" : "DOWN"));
    }

    private AdminReply liveness() {
        boolean ok = live.getAsBoolean();
        return AdminReply.json(ok ? 200 : 503, Map.of("status", ok ? "UP" : "DOWN"));
    }

    /** A check that throws is a DOWN component, not a failed health request. */
    private static HealthStatus run(HealthCheck check) {
        try {
            HealthStatus s = check.check();
            return s == null ? HealthStatus.down("check returned nothing") : s;
        } catch (RuntimeException e) {
            return HealthStatus.down("check failed: " + e);
        }
    }

    private static HealthStatus.Level worse(HealthStatus.Level a, HealthStatus.Level b) {
        return a.ordinal() >= b.ordinal() ? a : b;
    }
}
