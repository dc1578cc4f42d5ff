package io.sipfront.normalization.store;

import io.sipfront.config.SipfrontConfig;
import io.sipfront.normalization.config.NormalizationSection;
import io.sipfront.normalization.config.NormalizationSettings;
import io.sipfront.redis.RedisSection;

/** Opens the store the config names: the daemon, the CLI and the tests all go through here. */
public final class RuleStores {
    private RuleStores() {
    }

    public static RuleStore open(SipfrontConfig config) throws StoreException {
        NormalizationSettings n = config.section(NormalizationSection.SECTION);
        return n.store() == NormalizationSettings.Store.REDIS ? RedisRuleStore.open(config.section(RedisSection.SECTION))
                : SqliteRuleStore.open(n.sqliteFile());
    }
}
