package io.sipfront.normalization;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sipfront.core.admin.HealthStatus;
import io.sipfront.normalization.config.NumberingPlan.InvalidNumbers;
import io.sipfront.normalization.config.NumberingPlan.OutboundFormat;
import io.sipfront.normalization.config.NumberingPlan;
import java.util.List;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/** Seeding, change pick-up and the store-down behaviour of the cache, on an in-memory store. */
class PlanCacheTest {
    static NumberingPlan plan(String carrier, OutboundFormat format) {
        return new NumberingPlan(carrier, "GB", format, InvalidNumbers.PASS, List.of());
    }

    @Test
    void configPlansSeedOnlyCarriersTheStoreDoesNotKnow() throws Exception {
        MemoryRuleStore store = new MemoryRuleStore();
        store.save(plan("carrier-a", OutboundFormat.NATIONAL));
        try (PlanCache cache = new PlanCache(store, List.of(plan("carrier-a", OutboundFormat.E164),
                plan("carrier-b", OutboundFormat.INTERNATIONAL_00)), Executors.newSingleThreadScheduledExecutor())) {
            cache.start();
            assertEquals(OutboundFormat.NATIONAL, cache.plan("carrier-a").outboundFormat(), "the store wins");
            assertEquals(OutboundFormat.INTERNATIONAL_00, cache.plan("carrier-b").outboundFormat());
            assertNull(cache.plan("carrier-c"));
        }
    }

    @Test
    void aStoreDownKeepsTheLastPlansAndReportsDegradedUntilItIsBack() throws Exception {
        MemoryRuleStore store = new MemoryRuleStore();
        try (PlanCache cache = new PlanCache(store, List.of(plan("carrier-a", OutboundFormat.E164)),
                Executors.newSingleThreadScheduledExecutor())) {
            cache.start();
            assertEquals(HealthStatus.Level.UP, cache.health().check().level());
            store.down = true;
            cache.refreshSoon();
            awaitLevel(cache, HealthStatus.Level.DEGRADED);
            assertEquals(OutboundFormat.E164, cache.plan("carrier-a").outboundFormat(), "last plans keep serving");
            store.down = false;
            store.save(plan("carrier-a", OutboundFormat.NATIONAL));
            awaitLevel(cache, HealthStatus.Level.UP);
            awaitFormat(cache, OutboundFormat.NATIONAL);
        }
    }

    /** The cache's own thread does the work; the bound only keeps a broken cache from hanging the build. */
    static void awaitLevel(PlanCache cache, HealthStatus.Level level) throws InterruptedException {
        for (int i = 0; i < 500 && cache.health().check().level() != level; i++) {
            Thread.sleep(10);
        }
        assertEquals(level, cache.health().check().level());
    }

    static void awaitFormat(PlanCache cache, OutboundFormat format) throws InterruptedException {
        for (int i = 0; i < 500 && cache.plan("carrier-a").outboundFormat() != format; i++) {
            Thread.sleep(10);
        }
        assertEquals(format, cache.plan("carrier-a").outboundFormat());
    }
}
