package io.sipfront.normalization.admin;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.core.admin.AdminException;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRequest;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.normalization.PlanCache;
import io.sipfront.normalization.config.NumberingPlan;
import io.sipfront.normalization.store.SqliteRuleStore;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The numbering admin routes, called through their handlers as the admin server would. */
class NumberingAdminTest {
    @TempDir
    Path dir;
    private SqliteRuleStore store;
    private PlanCache cache;
    private NumberingAdmin admin;

    @BeforeEach
    void start() throws Exception {
        store = SqliteRuleStore.open(dir.resolve("n.db"));
        cache = new PlanCache(store, List.of(new NumberingPlan("carrier-a", "GB", NumberingPlan.OutboundFormat.E164,
                NumberingPlan.InvalidNumbers.PASS, List.of())), Executors.newSingleThreadScheduledExecutor());
        cache.start();
        admin = new NumberingAdmin(store, cache, Set.of("carrier-a", "carrier-b"));
    }

    @AfterEach
    void stop() {
        cache.close();
        store.close();
    }

    private AdminReply call(String method, String template, Map<String, String> params, Map<String, String> query,
                            String body) throws Exception {
        AdminRoute route = admin.routes().stream()
                .filter(r -> r.method().equals(method) && r.pathTemplate().equals(template)).findFirst().orElseThrow();
        return route.handler().handle(new AdminRequest(method, template, params, query,
                body.getBytes(StandardCharsets.UTF_8)));
    }

    private static String text(AdminReply r) {
        return new String(r.body(), StandardCharsets.UTF_8);
    }

    @Test
    void routesLiveUnderNumberingAndImportsAreMutating() {
        for (AdminRoute r : admin.routes()) {
            assertTrue(r.pathTemplate().startsWith("/api/v1/numbering/"), r.pathTemplate());
            assertEquals(r.method().equals("POST"), r.mutating());
        }
        assertEquals("number-store", admin.healthChecks().get(0).name());
    }

    @Test
    void importReachesTheCacheAndNormalizeUsesIt() throws Exception {
        String rules = "/api/v1/numbering/carriers/{carrier}/rules";
        AdminReply imported = call("POST", rules, Map.of("carrier", "carrier-b"), Map.of("format", "csv"),
                "carrier,direction,field,match,replace\ncarrier-b,setting,region,GB,\n"
                        + "carrier-b,setting,outbound_format,international-00,\ncarrier-b,inbound,both,^00,+\n");
        assertEquals(200, imported.status(), text(imported));
        for (int i = 0; i < 300 && cache.plan("carrier-b") == null; i++) {
            Thread.sleep(10); // the cache's own thread applies it; bounded
        }
        AdminReply n = call("POST", "/api/v1/numbering/normalize", Map.of(), Map.of(),
                "{\"carrier\":\"carrier-b\",\"direction\":\"outbound\",\"number\":\"+442079460000\"}");
        assertEquals(200, n.status());
        assertTrue(text(n).contains("\"result\":\"00442079460000\""), text(n));
        assertTrue(text(n).contains("international-00 (GB)"), text(n));

        AdminReply exported = call("GET", rules, Map.of("carrier", "carrier-b"), Map.of(), "");
        assertEquals("application/yaml", exported.contentType());
        assertTrue(text(exported).contains("match: '^00'"), text(exported));

        AdminReply list = call("GET", "/api/v1/numbering/carriers", Map.of(), Map.of(), "");
        assertTrue(text(list).contains("\"carrier-b\"") && text(list).contains("\"health\":\"UP\""), text(list));
    }

    @Test
    void aBadImportIs400WithTheLineAndNothingChanges() throws Exception {
        AdminException e = assertThrows(AdminException.class, () -> call("POST",
                "/api/v1/numbering/carriers/{carrier}/rules", Map.of("carrier", "carrier-a"), Map.of(),
                "region: GB\noutbound_format: national\nrules:\n  - { direction: inbound, match: '(' }\n"));
        assertEquals(400, e.status());
        assertTrue(e.getMessage().startsWith("line 4: "), e.getMessage());
        assertEquals(NumberingPlan.OutboundFormat.E164, store.loadAll().get("carrier-a").outboundFormat());
    }

    @Test
    void unknownCarriersAre404() {
        AdminException e = assertThrows(AdminException.class, () -> call("GET",
                "/api/v1/numbering/carriers/{carrier}/rules", Map.of("carrier", "nope"), Map.of(), ""));
        assertEquals(404, e.status());
    }
}
