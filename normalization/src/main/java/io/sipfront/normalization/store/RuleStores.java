package io.sipfront.normalization.store;

import io.sipfront.config.NormalizationSettings;
import io.sipfront.config.SipfrontConfig;

/** Opens the store the config names: the daemon, the CLI and the tests all go through here. */
public final class RuleStores {
    private RuleStores() {
    }

    public static RuleStore open(SipfrontConfig config) throws StoreException {
        NormalizationSettings n = config.normalization();
        return n.store() == NormalizationSettings.Store.REDIS ? RedisRuleStore.open(config.redis())
                : SqliteRuleStore.open(n.sqliteFile());
    }
}
