package io.sipfront.ha;

import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.core.admin.HealthCheck;
import io.sipfront.core.admin.HealthStatus;
import java.util.List;

/** {@code GET /api/v1/ha}, and an {@code ha} health entry that is DEGRADED in fault. */
public final class HaAdminExtension implements AdminExtension {
    public static final String PATH = "/api/v1/ha";

    private final HaNode node;

    public HaAdminExtension(HaNode node) {
        this.node = node;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(AdminRoute.get(PATH, request -> AdminReply.ok(node.status())));
    }

    @Override
    public List<HealthCheck> healthChecks() {
        return List.of(new HealthCheck() {
            @Override
            public String name() {
                return "ha";
            }

            @Override
            public HealthStatus check() {
                // A backup is healthy: it is ready to take over. Fault means it cannot.
                return node.state() == HaState.FAULT ? HealthStatus.degraded("HA node in fault; it will not take "
                        + "the VIP") : HealthStatus.up();
            }
        });
    }
}
