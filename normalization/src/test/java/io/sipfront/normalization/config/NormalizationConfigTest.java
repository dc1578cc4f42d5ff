package io.sipfront.normalization.config;

import static io.sipfront.core.testing.ConfigAssertions.assertConfigError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.ConfigSections;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.testing.MinimalConfig;
import io.sipfront.redis.RedisSection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The normalization section: values read, defaults, and every mistake at its line and column. */
class NormalizationConfigTest {
    /** The base document (ConfigErrorTest's) is 21 lines; these sections start on line 22. */
    static final String BASE = MinimalConfig.SIP + MinimalConfig.REST;
    /** The store may be Redis, whose section then says how to reach it. */
    static final ConfigSections SECTIONS = ConfigSections.of(NormalizationSection.SECTION, RedisSection.SECTION);

    static NormalizationSettings parse(String extra) throws ConfigException {
        return normalization(ConfigLoader.parse(BASE + extra, "n.yaml", null, SECTIONS));
    }

    static NormalizationSettings normalization(SipfrontConfig config) {
        return config.section(NormalizationSection.SECTION);
    }

    static void assertError(String extra, int line, int column, String... fragments) {
        assertConfigError("n.yaml", line, column, () -> parse(extra), fragments);
    }

    @Test
    void withoutTheSectionNormalizationIsOff() throws Exception {
        assertFalse(parse("").enabled());
    }

    @Test
    void anEmptySectionMeansEmbeddedSqliteUnderTheDataDirectory() throws Exception {
        NormalizationSettings n = parse("normalization:\n");
        assertTrue(n.enabled());
        assertEquals(NormalizationSettings.Store.SQLITE, n.store());
        assertEquals(Path.of("data/numbering.db"), n.sqliteFile());
    }

    @Test
    void aWrittenSqliteFileIsTakenFromTheConfigFilesDirectory(@TempDir Path dir) throws Exception {
        Path config = Files.createDirectories(dir.resolve("etc")).resolve("sipfront.yaml");
        Files.writeString(config, BASE + "normalization:\n  sqlite_file: db/numbering.db\n");
        NormalizationSettings n = normalization(ConfigLoader.load(config, SECTIONS));
        assertEquals(dir.resolve("etc/db/numbering.db").toAbsolutePath(), n.sqliteFile());
    }

    @Test
    void plansAreRead() throws Exception {
        NormalizationSettings n = parse("""
                normalization:
                  store: redis
                  carriers:
                    - name: carrier-a
                      region: gb
                      outbound_format: international-00
                      invalid_numbers: reject
                      rules:
                        - { direction: inbound, field: dialled, match: '^(\\d+)#', replace: '' }
                        - { direction: outbound, match: '^', replace: '99' }
                """);
        assertEquals(NormalizationSettings.Store.REDIS, n.store());
        NumberingPlan p = n.seeds().get(0);
        assertEquals("GB", p.region());
        assertEquals(NumberingPlan.OutboundFormat.INTERNATIONAL_00, p.outboundFormat());
        assertEquals(NumberingPlan.InvalidNumbers.REJECT, p.invalidNumbers());
        assertEquals(NumberRule.Field.DIALLED, p.rules().get(0).field());
        assertEquals(NumberRule.Field.BOTH, p.rules().get(1).field());
        assertEquals("99", p.rules().get(1).replace());
    }

    @Test
    void aPlanForAnUnknownCarrier() {
        assertError("normalization:\n  carriers:\n    - name: carrier-z\n      region: GB\n", 24, 13,
                "normalization.carriers[0].name", "'carrier-z' is not a carrier of sources.carriers");
    }

    @Test
    void anUnknownRegion() {
        assertError("normalization:\n  carriers:\n    - name: carrier-a\n      region: XX\n", 25, 15,
                "region: 'XX' is not an ISO 3166");
    }

    @Test
    void aRegexThatDoesNotCompile() {
        assertError("""
                normalization:
                  carriers:
                    - name: carrier-a
                      region: GB
                      rules:
                        - { direction: inbound, match: '^(44', replace: '+44' }
                """, 27, 40, "normalization.carriers[0].rules[0].match: '^(44' is not a valid regular expression");
    }

    @Test
    void aReplacementNamingAGroupThePatternLacks() {
        assertError("""
                normalization:
                  carriers:
                    - name: carrier-a
                      region: GB
                      rules:
                        - { direction: outbound, match: '^(44)', replace: '$2' }
                """, 27, 59, "refers to group 2 but the pattern has 1");
    }

    @Test
    void anUnknownKeyInAPlan() {
        assertError("normalization:\n  carriers:\n    - name: carrier-a\n      region: GB\n      format: e164\n",
                26, 7, "unknown key 'format'", "outbound_format");
    }

    @Test
    void anUnknownStore() {
        assertError("normalization:\n  store: postgres\n", 23, 10, "'postgres' is not one of sqlite or redis");
    }

    @Test
    void theShippedConfigsStartWithSqliteAndCarryPlansForBothCarriers() throws Exception {
        for (String file : List.of("../config/sipfront.yaml", "../config/examples/loopback.yaml")) {
            NormalizationSettings n = normalization(ConfigLoader.load(Path.of(file), SECTIONS));
            assertTrue(n.enabled(), file);
            assertEquals(NormalizationSettings.Store.SQLITE, n.store(), file);
            assertEquals(List.of("carrier-a", "carrier-b"), n.seeds().stream().map(NumberingPlan::carrier).toList(),
                    file);
            assertEquals(NumberingPlan.OutboundFormat.E164, n.seeds().get(0).outboundFormat(), file);
            assertEquals(NumberingPlan.OutboundFormat.INTERNATIONAL_00, n.seeds().get(1).outboundFormat(), file);
        }
    }
}
