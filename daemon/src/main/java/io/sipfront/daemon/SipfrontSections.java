package io.sipfront.daemon;

import io.sipfront.config.AccountsSection;
import io.sipfront.config.AdminSection;
import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.ConfigSections;
import io.sipfront.config.EdgeSection;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.cluster.ClusterSection;
import io.sipfront.core.tls.TlsSection;
import io.sipfront.core.capture.HepSection;
import io.sipfront.ha.config.HaSection;
import io.sipfront.ha.config.SharedStateSection;
import io.sipfront.normalization.config.NormalizationSection;
import io.sipfront.redis.RedisSection;
import java.nio.file.Path;

/**
 * Every module's config section, registered once for all that load the daemon's file: {@code run},
 * {@code check-config}, reloads and the numbering tools. The order is that in which an error lists the top-level
 * keys and in which the sections are read (the first error wins).
 */
public final class SipfrontSections {
    public static final ConfigSections ALL = ConfigSections.of(TlsSection.SECTION, DnsSection.SECTION,
            EdgeSection.SECTION, NormalizationSection.SECTION, RedisSection.SECTION, AdminSection.SECTION,
            HaSection.SECTION, SharedStateSection.SECTION, ClusterSection.SECTION, AccountsSection.SECTION,
            HepSection.SECTION);

    private SipfrontSections() {
    }

    public static SipfrontConfig load(Path file) throws ConfigException {
        return ConfigLoader.load(file, ALL);
    }
}
