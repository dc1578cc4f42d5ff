package io.sipfront.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.testing.MinimalConfig;
import io.sipfront.ha.config.HaSection;
import io.sipfront.ha.config.SharedStateSection;
import io.sipfront.normalization.config.NormalizationSection;
import io.sipfront.redis.RedisSection;
import io.sipfront.redis.RedisSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The daemon's file holds every module's section, listed and read in one fixed order. */
class SipfrontSectionsTest {
    static final String BASE = MinimalConfig.SIP + MinimalConfig.REST;

    static String error(String yaml) {
        return assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "s.yaml", null,
                SipfrontSections.ALL)).getMessage();
    }

    @Test
    void everyShippedFileLoads() throws IOException {
        List<Path> files;
        try (Stream<Path> examples = Files.list(Path.of("../config/examples"))) {
            files = Stream.concat(Stream.of(Path.of("../config/sipfront.yaml")),
                    examples.filter(p -> p.toString().endsWith(".yaml")).sorted()).toList();
        }
        assertTrue(files.size() >= 7, files.toString());
        for (Path file : files) {
            try {
                SipfrontSections.load(file);
            } catch (ConfigException e) {
                throw new AssertionError(e.getMessage(), e);
            }
        }
    }

    @Test
    void anUnknownTopLevelKeyListsTheCoresKeysThenEveryModulesSection() {
        assertEquals("s.yaml:22:1: unknown top-level key 'sipp'; allowed keys: sip, timers, limits, proxy, sources, "
                + "routing, destination_sets, tls, dns, edge, normalization, redis, admin, ha, shared_state, cluster, accounts, hep (did you mean 'sip'?)",
                error(BASE + "sipp: {}\n"));
        assertEquals("s.yaml:1:1: the top level must be a mapping of sections (sip, timers, limits, proxy, sources, "
                + "routing, destination_sets, tls, dns, edge, normalization, redis, admin, ha, shared_state, cluster, accounts, hep), found a list",
                error("- sip\n"));
    }

    @Test
    void theSectionsAreReadInTheirOrderWhereverTheFileWritesThem() {
        String ha = "ha:\n  node_id: n1\n"; // lines 1-2: missing priority
        String shared = "shared_state:\n  node_id: \"a b\"\n"; // lines 3-4
        String admin = "admin:\n  listen: nope\n"; // lines 5-6
        String redis = "redis:\n  addresses: [x]\n"; // lines 7-8
        String normalization = "normalization:\n  store: postgres\n"; // lines 9-10
        String all = ha + shared + admin + redis + normalization + BASE;
        assertTrue(error(all).startsWith("s.yaml:10:10: normalization.store:"), error(all));
        String noNormalization = ha + shared + admin + redis + BASE;
        assertTrue(error(noNormalization).startsWith("s.yaml:8:15: redis.addresses[0]:"), error(noNormalization));
        String noRedis = ha + shared + admin + BASE;
        assertTrue(error(noRedis).startsWith("s.yaml:6:11: admin.listen:"), error(noRedis));
        String noAdmin = ha + shared + BASE;
        assertTrue(error(noAdmin).startsWith("s.yaml:1:1: ha: missing required key 'priority'"), error(noAdmin));
        String onlyShared = shared + BASE;
        assertTrue(error(onlyShared).startsWith("s.yaml:2:12: shared_state.node_id:"), error(onlyShared));
    }

    @Test
    void leftOutEachModuleKeepsItsDefault() throws ConfigException {
        SipfrontConfig c = ConfigLoader.parse(BASE, "s.yaml", null, SipfrontSections.ALL);
        assertTrue(c.section(HaSection.SECTION).isEmpty());
        assertEquals(RedisSettings.DEFAULTS, c.section(RedisSection.SECTION));
        assertFalse(c.section(NormalizationSection.SECTION).enabled());
        assertFalse(c.section(SharedStateSection.SECTION).enabled());
    }
}
