package io.sipfront.daemon.reload;

import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.core.admin.HealthCheck;
import io.sipfront.core.admin.HealthStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/reload}: reload now and answer how it went (200, or 422 with the config error);
 * {@code GET /api/v1/reload}: the last attempt, whatever triggered it. Its health check, {@code config}, is DEGRADED
 * while the last attempt failed: the daemon serves, but the file on disk is not what runs.
 */
public final class ReloadEndpoint implements AdminExtension {
    public static final String PATH = "/api/v1/reload";

    private final ConfigReloader reloader;

    public ReloadEndpoint(ConfigReloader reloader) {
        this.reloader = reloader;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(AdminRoute.post(PATH, r -> reload()), AdminRoute.get(PATH, r -> last()));
    }

    @Override
    public List<HealthCheck> healthChecks() {
        return List.of(new HealthCheck() {
            @Override
            public String name() {
                return "config";
            }

            @Override
            public HealthStatus check() {
                return reloader.last().filter(a -> !a.ok())
                        .map(a -> HealthStatus.degraded("running an older config: the last reload ("
                                + a.trigger() + ", " + a.time() + ") was refused: " + a.error()))
                        .orElse(HealthStatus.up());
            }
        });
    }

    private AdminReply reload() {
        ReloadAttempt attempt = reloader.reload("api");
        if (attempt.ok()) {
            return AdminReply.ok(Map.of("last", json(attempt)));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", attempt.error());
        body.put("status", 422);
        body.put("last", json(attempt));
        return AdminReply.json(422, body);
    }

    private AdminReply last() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("file", reloader.file().toString());
        body.put("last", reloader.last().map(ReloadEndpoint::json).orElse(null));
        return AdminReply.ok(body);
    }

    static Map<String, Object> json(ReloadAttempt a) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("time", a.time().toString());
        m.put("trigger", a.trigger());
        m.put("file", a.file());
        m.put("ok", a.ok());
        m.put("error", a.error());
        m.put("restart_needed", a.restartNeeded());
        return m;
    }
}
