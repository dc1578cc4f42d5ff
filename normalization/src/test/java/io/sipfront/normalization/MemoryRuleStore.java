package io.sipfront.normalization;

import io.sipfront.normalization.config.NumberingPlan;
import io.sipfront.normalization.store.RuleStore;
import io.sipfront.normalization.store.StoreException;
import java.util.LinkedHashMap;
import java.util.Map;

/** A store in memory that can be switched "down", for cache and rewriter tests that need no file or server. */
final class MemoryRuleStore implements RuleStore {
    private final Map<String, NumberingPlan> plans = new LinkedHashMap<>();
    private long version;
    volatile boolean down;

    @Override
    public synchronized Map<String, NumberingPlan> loadAll() throws StoreException {
        check();
        return new LinkedHashMap<>(plans);
    }

    @Override
    public synchronized void save(NumberingPlan plan) throws StoreException {
        check();
        plans.put(plan.carrier(), plan);
        version++;
    }

    @Override
    public synchronized void seedMissing(Iterable<NumberingPlan> seeds) throws StoreException {
        check();
        for (NumberingPlan p : seeds) {
            if (plans.putIfAbsent(p.carrier(), p) == null) {
                version++;
            }
        }
    }

    @Override
    public synchronized long changeVersion() throws StoreException {
        check();
        return version;
    }

    private void check() throws StoreException {
        if (down) {
            throw new StoreException("memory store is down", null);
        }
    }

    @Override
    public String describe() {
        return "memory";
    }

    @Override
    public void close() {
    }
}
