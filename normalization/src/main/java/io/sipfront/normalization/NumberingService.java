package io.sipfront.normalization;

import io.micrometer.core.instrument.MeterRegistry;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.proxy.RequestRewriter;
import io.sipfront.normalization.admin.NumberingAdmin;
import io.sipfront.normalization.config.NormalizationSection;
import io.sipfront.normalization.store.RedisRuleStore;
import io.sipfront.normalization.store.RuleStore;
import io.sipfront.normalization.store.RuleStores;
import io.sipfront.normalization.store.StoreException;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * Number normalization as the daemon runs it: the store named by the config, seeded with the config's plans, a
 * cache the call path reads, the proxy's {@link RequestRewriter} and the admin API. When the config has no
 * {@code normalization} section the daemon does not build one and numbers pass untouched.
 */
public final class NumberingService implements AutoCloseable {
    private final RuleStore store;
    private final PlanCache cache;
    private final SipNumberRewriter rewriter;
    private final NumberingAdmin admin;

    private NumberingService(RuleStore store, PlanCache cache, SipNumberRewriter rewriter, NumberingAdmin admin) {
        this.store = store;
        this.cache = cache;
        this.rewriter = rewriter;
        this.admin = admin;
    }

    /** Opens the store and loads the plans once; a Redis server that is down only makes the service degraded. */
    public static NumberingService start(SipfrontConfig config, MeterRegistry meters) throws StoreException {
        bridgeJulLogging();
        RuleStore store = RuleStores.open(config);
        ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "numbering-store");
            t.setDaemon(true);
            return t;
        });
        PlanCache cache = new PlanCache(store, config.section(NormalizationSection.SECTION).seeds(), executor);
        cache.start();
        if (store instanceof RedisRuleStore redis) {
            redis.subscribe(cache::refreshSoon);
        }
        SipNumberRewriter rewriter = new SipNumberRewriter(cache, meters);
        return new NumberingService(store, cache, rewriter,
                new NumberingAdmin(store, cache, carriers(config)));
    }

    public static Set<String> carriers(SipfrontConfig config) {
        return NormalizationSection.carriers(config.sources());
    }

    /** libphonenumber logs through java.util.logging. */
    static void bridgeJulLogging() {
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
    }

    public RequestRewriter rewriter() {
        return rewriter;
    }

    public AdminExtension adminExtension() {
        return admin;
    }

    @Override
    public void close() {
        cache.close();
        store.close();
    }
}
