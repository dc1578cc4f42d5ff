package io.sipfront.core.admin;

import java.util.List;

/**
 * What a module (health, normalization, HA) plugs into the admin server. The daemon collects
 * these at start-up; routes must not clash (the server refuses two routes with the same
 * method and template).
 */
public interface AdminExtension {
    List<AdminRoute> routes();

    default List<HealthCheck> healthChecks() {
        return List.of();
    }
}
