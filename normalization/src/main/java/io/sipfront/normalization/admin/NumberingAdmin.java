package io.sipfront.normalization.admin;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.sipfront.core.admin.AdminException;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRequest;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.core.admin.HealthCheck;
import io.sipfront.normalization.Normalized;
import io.sipfront.normalization.NumberField;
import io.sipfront.normalization.NumberNormalizer;
import io.sipfront.normalization.PlanCache;
import io.sipfront.normalization.config.NumberRule;
import io.sipfront.normalization.config.NumberingPlan;
import io.sipfront.normalization.io.PlanFiles;
import io.sipfront.normalization.io.PlanFormat;
import io.sipfront.normalization.io.PlanImportException;
import io.sipfront.normalization.store.RuleStore;
import io.sipfront.normalization.store.StoreException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The numbering admin API, under {@code /api/v1/numbering} ({@code /api/v1/rules} is routing's):
 * <ul>
 *   <li>{@code GET  /api/v1/numbering/carriers}: the plans in use (from the cache) and the store's state</li>
 *   <li>{@code GET  /api/v1/numbering/carriers/{carrier}/rules?format=yaml|csv}: export from the store</li>
 *   <li>{@code POST /api/v1/numbering/carriers/{carrier}/rules?format=yaml|csv}: import (replaces the carrier's
 *       plan in one transaction; 400 with the line of the first mistake, nothing applied)</li>
 *   <li>{@code POST /api/v1/numbering/normalize} with {@code {"carrier", "direction", "number", "field"}}: what the
 *       running rules make of a number, and which rule fired</li>
 * </ul>
 */
public final class NumberingAdmin implements AdminExtension {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final RuleStore store;
    private final PlanCache cache;
    private final Set<String> carriers;
    private final NumberNormalizer normalizer = new NumberNormalizer();

    public NumberingAdmin(RuleStore store, PlanCache cache, Set<String> carriers) {
        this.store = store;
        this.cache = cache;
        this.carriers = Set.copyOf(carriers);
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(
                AdminRoute.get("/api/v1/numbering/carriers", this::list),
                AdminRoute.get("/api/v1/numbering/carriers/{carrier}/rules", this::export),
                AdminRoute.post("/api/v1/numbering/carriers/{carrier}/rules", this::importPlan),
                AdminRoute.post("/api/v1/numbering/normalize", this::normalize));
    }

    @Override
    public List<HealthCheck> healthChecks() {
        return List.of(cache.health());
    }

    AdminReply list(AdminRequest request) {
        Map<String, Object> plans = new LinkedHashMap<>();
        for (NumberingPlan p : cache.snapshot().values()) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("region", p.region());
            o.put("outbound_format", p.outboundFormat().text());
            o.put("invalid_numbers", p.invalidNumbers().text());
            o.put("rules", p.rules().size());
            plans.put(p.carrier(), o);
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("store", store.describe());
        body.put("health", cache.health().check().level().name());
        body.put("carriers", plans);
        return AdminReply.ok(body);
    }

    AdminReply export(AdminRequest request) throws AdminException {
        String carrier = knownCarrier(request.pathParam("carrier"));
        PlanFormat format = format(request);
        try {
            NumberingPlan plan = store.loadAll().get(carrier);
            if (plan == null) {
                throw new AdminException(404, "carrier " + carrier + " has no numbering plan");
            }
            return AdminReply.text(200, format == PlanFormat.CSV ? "text/csv" : "application/yaml",
                    PlanFiles.write(plan, format));
        } catch (StoreException e) {
            throw new AdminException(503, "numbering store unavailable: " + e.getMessage());
        }
    }

    AdminReply importPlan(AdminRequest request) throws AdminException {
        String carrier = knownCarrier(request.pathParam("carrier"));
        NumberingPlan plan;
        try {
            plan = PlanFiles.read(request.bodyText(), format(request), carrier, carriers);
        } catch (PlanImportException e) {
            throw new AdminException(400, e.getMessage());
        }
        try {
            store.save(plan);
        } catch (StoreException e) {
            throw new AdminException(503, "numbering store unavailable, nothing imported: " + e.getMessage());
        }
        cache.refreshSoon();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("carrier", carrier);
        body.put("rules", plan.rules().size());
        return AdminReply.ok(body);
    }

    AdminReply normalize(AdminRequest request) throws AdminException {
        JsonNode in;
        try {
            in = JSON.readTree(request.body());
        } catch (IOException e) {
            throw new AdminException(400, "the body must be JSON: " + e.getMessage());
        }
        if (in == null || !in.isObject()) {
            throw new AdminException(400, "the body must be a JSON object with carrier, direction and number");
        }
        String carrier = knownCarrier(in.path("carrier").asText());
        NumberRule.Direction direction;
        NumberField field;
        try {
            direction = NumberRule.Direction.valueOf(in.path("direction").asText().toUpperCase(java.util.Locale.ROOT));
            field = NumberField.valueOf(in.path("field").asText("dialled").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, "direction must be inbound or outbound, field dialled or caller");
        }
        if (!in.path("number").isTextual()) {
            throw new AdminException(400, "number must be a string");
        }
        NumberingPlan plan = cache.plan(carrier);
        if (plan == null) {
            throw new AdminException(404, "carrier " + carrier + " has no numbering plan");
        }
        Normalized n = normalizer.normalize(plan, direction, field, in.path("number").asText());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", n.number());
        body.put("valid", n.valid());
        body.put("fired", n.fired());
        return AdminReply.ok(body);
    }

    private String knownCarrier(String carrier) throws AdminException {
        if (!carriers.contains(carrier)) {
            throw new AdminException(404, "unknown carrier '" + carrier + "'");
        }
        return carrier;
    }

    private static PlanFormat format(AdminRequest request) throws AdminException {
        try {
            return PlanFormat.ofName(request.queryParam("format").orElse(null));
        } catch (IllegalArgumentException e) {
            throw new AdminException(400, e.getMessage());
        }
    }
}
