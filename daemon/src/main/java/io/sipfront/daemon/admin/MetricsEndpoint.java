package io.sipfront.daemon.admin;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRoute;
import java.util.List;

/** {@code GET /metrics}: every meter of the registry in the Prometheus text format. */
public final class MetricsEndpoint implements AdminExtension {
    static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private final PrometheusMeterRegistry registry;

    public MetricsEndpoint(PrometheusMeterRegistry registry) {
        this.registry = registry;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(AdminRoute.get("/metrics", r -> AdminReply.text(200, CONTENT_TYPE, registry.scrape())));
    }
}
