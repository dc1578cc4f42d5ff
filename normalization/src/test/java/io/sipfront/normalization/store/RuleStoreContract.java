package io.sipfront.normalization.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.sipfront.core.admin.HealthStatus;
import io.sipfront.normalization.PlanCache;
import io.sipfront.normalization.config.NumberRule;
import io.sipfront.normalization.config.NumberingPlan.InvalidNumbers;
import io.sipfront.normalization.config.NumberingPlan.OutboundFormat;
import io.sipfront.normalization.config.NumberingPlan;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

/** What every store must do, run against a real SQLite file and a real redis-server. */
abstract class RuleStoreContract {
    /** A new connection to the same store, as the CLI or another node would have. */
    abstract RuleStore open() throws Exception;

    static NumberingPlan planB(OutboundFormat format) {
        return new NumberingPlan("carrier-b", "GB", format, InvalidNumbers.REJECT, List.of(
                NumberRule.parse("inbound", "both", "^00", "+"),
                NumberRule.parse("outbound", "dialled", "^(\\d+)$", "9,9#$1"),
                NumberRule.parse("inbound", "caller", "'", "")));
    }

    @Test
    void aSavedPlanComesBackWithItsRulesInOrder() throws Exception {
        try (RuleStore s = open()) {
            s.save(planB(OutboundFormat.INTERNATIONAL_00));
            NumberingPlan back = s.loadAll().get("carrier-b");
            assertEquals("GB", back.region());
            assertEquals(OutboundFormat.INTERNATIONAL_00, back.outboundFormat());
            assertEquals(InvalidNumbers.REJECT, back.invalidNumbers());
            assertEquals(List.of("^00", "^(\\d+)$", "'"), back.rules().stream().map(r -> r.match().pattern()).toList());
            assertEquals("9,9#$1", back.rules().get(1).replace());
        }
    }

    @Test
    void aSaveReplacesTheWholePlanAndMovesTheChangeCounter() throws Exception {
        try (RuleStore s = open()) {
            s.save(planB(OutboundFormat.INTERNATIONAL_00));
            long before = s.changeVersion();
            s.save(new NumberingPlan("carrier-b", "DE", OutboundFormat.NATIONAL, InvalidNumbers.PASS, List.of()));
            assertNotEquals(before, s.changeVersion());
            NumberingPlan back = s.loadAll().get("carrier-b");
            assertEquals("DE", back.region());
            assertEquals(List.of(), back.rules());
        }
    }

    @Test
    void seedingLeavesStoredPlansAlone() throws Exception {
        try (RuleStore s = open()) {
            s.save(planB(OutboundFormat.NATIONAL));
            s.seedMissing(List.of(planB(OutboundFormat.E164), new NumberingPlan("carrier-a", "US", OutboundFormat.E164,
                    InvalidNumbers.PASS, List.of())));
            assertEquals(OutboundFormat.NATIONAL, s.loadAll().get("carrier-b").outboundFormat());
            assertEquals("US", s.loadAll().get("carrier-a").region());
        }
    }

    @Test
    void aChangeMadeThroughAnotherConnectionReachesARunningCacheWithinASecond() throws Exception {
        try (RuleStore daemonSide = open(); RuleStore cliSide = open();
             PlanCache cache = new PlanCache(daemonSide, List.of(planB(OutboundFormat.E164)),
                     Executors.newSingleThreadScheduledExecutor())) {
            cache.start();
            assertEquals(OutboundFormat.E164, cache.plan("carrier-b").outboundFormat());
            long t0 = System.nanoTime();
            cliSide.save(planB(OutboundFormat.INTERNATIONAL_00));
            await(() -> cache.plan("carrier-b").outboundFormat() == OutboundFormat.INTERNATIONAL_00, 1500);
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertEquals(OutboundFormat.INTERNATIONAL_00, cache.plan("carrier-b").outboundFormat(),
                    "change not seen after " + ms + " ms");
        }
    }

    /** Makes the store unreachable for a cache that is using it, then brings it back. */
    abstract void takeDown(RuleStore cacheStore) throws Exception;

    abstract void bringBack() throws Exception;

    @Test
    void whileTheStoreIsDownTheLastPlansServeAndHealthIsDegraded() throws Exception {
        RuleStore daemonSide = open();
        try (PlanCache cache = new PlanCache(daemonSide, List.of(planB(OutboundFormat.INTERNATIONAL_00)),
                Executors.newSingleThreadScheduledExecutor())) {
            cache.start();
            assertEquals(HealthStatus.Level.UP, cache.health().check().level());
            takeDown(daemonSide);
            await(() -> cache.health().check().level() == HealthStatus.Level.DEGRADED, 3000);
            assertEquals(HealthStatus.Level.DEGRADED, cache.health().check().level());
            assertEquals(OutboundFormat.INTERNATIONAL_00, cache.plan("carrier-b").outboundFormat());
            bringBack();
            if (recoversOnItsOwn()) {
                await(() -> cache.health().check().level() == HealthStatus.Level.UP, 5000);
                assertEquals(HealthStatus.Level.UP, cache.health().check().level());
                await(() -> cache.plan("carrier-b") != null, 2000);
                assertEquals(OutboundFormat.INTERNATIONAL_00, cache.plan("carrier-b").outboundFormat(),
                        "a store that came back empty is seeded again from the config");
            }
        } finally {
            daemonSide.close();
        }
    }

    boolean recoversOnItsOwn() {
        return true;
    }

    /** Bounded wait for another thread's work (the cache's poll); never a timing assertion by itself. */
    static void await(BooleanSupplier condition, long maxMillis) throws InterruptedException {
        long end = System.nanoTime() + maxMillis * 1_000_000;
        while (!condition.getAsBoolean() && System.nanoTime() < end) {
            Thread.sleep(10);
        }
    }
}
