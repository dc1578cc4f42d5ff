package io.sipfront.normalization;

import io.sipfront.core.admin.HealthCheck;
import io.sipfront.core.admin.HealthStatus;
import io.sipfront.normalization.config.NumberingPlan;
import io.sipfront.normalization.store.RuleStore;
import io.sipfront.normalization.store.StoreException;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The plans the call path reads: an immutable snapshot swapped atomically, so a lane never waits on the store. The
 * store is read on one background thread: a poll of its change counter every {@link #POLL_MILLIS} ms (changes made
 * by the CLI or another node arrive within a second) and on demand after a pub/sub message or an admin import.
 * While the store is unreachable the last snapshot keeps serving and {@link #health()} says DEGRADED.
 */
public final class PlanCache implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PlanCache.class);
    static final long POLL_MILLIS = 500;

    private final RuleStore store;
    private final java.util.List<NumberingPlan> seeds;
    private final ScheduledExecutorService executor;
    private volatile boolean seeded;
    private final AtomicReference<Map<String, NumberingPlan>> plans = new AtomicReference<>(Map.of());
    private final AtomicBoolean refreshQueued = new AtomicBoolean();
    private volatile long loadedVersion = -1;
    private volatile String storeError;

    /**
     * @param seeds    plans from the config, stored for carriers that have none yet (retried until the store answers)
     * @param executor one thread is enough; the cache owns it from now on and shuts it down on close
     */
    public PlanCache(RuleStore store, java.util.List<NumberingPlan> seeds, ScheduledExecutorService executor) {
        this.store = store;
        this.seeds = java.util.List.copyOf(seeds);
        this.executor = executor;
    }

    /** Loads once on the caller's thread (start-up), then polls; a store down at start-up is retried by the poll. */
    public void start() {
        poll();
        executor.scheduleWithFixedDelay(this::poll, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
    }

    /** The plan of {@code carrier}, or null when it has none (its numbers pass untouched). Never blocks. */
    public NumberingPlan plan(String carrier) {
        return carrier == null ? null : plans.get().get(carrier);
    }

    public Map<String, NumberingPlan> snapshot() {
        return plans.get();
    }

    /** Re-reads the store soon, on the cache's thread; several requests before it runs make one read. */
    public void refreshSoon() {
        if (refreshQueued.compareAndSet(false, true)) {
            executor.execute(() -> {
                refreshQueued.set(false);
                reload();
            });
        }
    }

    private void poll() {
        try {
            if (!seeded) {
                store.seedMissing(seeds);
                seeded = true;
            }
            long version = store.changeVersion();
            if (version != loadedVersion) {
                reload();
            } else {
                healthy();
            }
        } catch (StoreException e) {
            unreachable(e);
        } catch (RuntimeException e) {
            unreachable(new StoreException(e.toString(), e));
        }
    }

    private void reload() {
        try {
            long version = store.changeVersion();
            Map<String, NumberingPlan> loaded = Map.copyOf(store.loadAll());
            plans.set(loaded);
            if (version != loadedVersion) {
                log.info("numbering plans loaded from {}: {} (change {})", store.describe(), loaded.keySet(), version);
            }
            loadedVersion = version;
            healthy();
        } catch (StoreException e) {
            unreachable(e);
        } catch (RuntimeException e) {
            unreachable(new StoreException(e.toString(), e));
        }
    }

    private void healthy() {
        if (storeError != null) {
            log.info("numbering store {} is reachable again", store.describe());
            storeError = null;
        }
    }

    private void unreachable(StoreException e) {
        if (storeError == null) {
            log.warn("numbering store {} unreachable, serving the last plans loaded: {}", store.describe(),
                    e.getMessage());
        }
        storeError = e.getMessage();
        seeded = false; // a store that comes back empty (Redis without persistence) gets the config's plans again
    }

    public HealthCheck health() {
        return new HealthCheck() {
            @Override
            public String name() {
                return "number-store";
            }

            @Override
            public HealthStatus check() {
                String error = storeError;
                return error == null ? HealthStatus.up()
                        : HealthStatus.degraded(store.describe() + " unreachable, serving cached plans: " + error);
            }
        };
    }

    @Override
    public void close() {
        executor.shutdownNow();
        try {
            executor.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
