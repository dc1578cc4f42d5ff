package io.sipfront.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The normalization and redis sections: values read, defaults, and every mistake at its line and column. */
class NormalizationConfigTest {
    /** The base document (ConfigErrorTest's) is 21 lines; these sections start on line 22. */
    static final String BASE = ConfigErrorTest.SIP + ConfigErrorTest.REST;

    static SipfrontConfig parse(String extra) throws ConfigException {
        return ConfigLoader.parse(BASE + extra, "n.yaml", null);
    }

    static void assertError(String extra, int line, int column, String... fragments) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(extra));
        assertEquals(line, e.line(), e.getMessage());
        assertEquals(column, e.column(), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + f + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void withoutTheSectionNormalizationIsOff() throws Exception {
        SipfrontConfig c = parse("");
        assertFalse(c.normalization().enabled());
        assertEquals(RedisSettings.DEFAULTS, c.redis());
    }

    @Test
    void anEmptySectionMeansEmbeddedSqliteUnderTheDataDirectory() throws Exception {
        NormalizationSettings n = parse("normalization:\n").normalization();
        assertTrue(n.enabled());
        assertEquals(NormalizationSettings.Store.SQLITE, n.store());
        assertEquals(Path.of("data/numbering.db"), n.sqliteFile());
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
                """).normalization();
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
    void redisWithSentinels(@TempDir Path dir) throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "s3cret\n");
        RedisSettings r = parse("redis:\n  sentinel_master: numbering\n  sentinels: [10.0.0.1:26379, '[::1]:26380']\n"
                + "  password_file: " + pw + "\n  database: 2\n").redis();
        assertEquals("numbering", r.sentinelMaster());
        assertEquals(List.of(new RedisSettings.Address("10.0.0.1", 26379), new RedisSettings.Address("::1", 26380)),
                r.sentinels());
        assertEquals("s3cret", r.password());
        assertEquals(2, r.database());
        assertFalse(r.toString().contains("s3cret"), "the password never reaches a log line");
    }

    @Test
    void redisPlainAddress() throws Exception {
        RedisSettings r = parse("redis:\n  addresses: [redis.example.net:6380]\n").redis();
        assertEquals(List.of(new RedisSettings.Address("redis.example.net", 6380)), r.addresses());
        assertNull(r.sentinelMaster());
    }

    @Test
    void aRedisAddressWithoutAPort() {
        assertError("redis:\n  addresses: [127.0.0.1]\n", 23, 15, "redis.addresses[0]", "needs a port");
    }

    @Test
    void aSentinelMasterWithoutSentinels() {
        assertError("redis:\n  sentinel_master: m\n", 23, 20, "needs the Sentinel addresses");
    }

    @Test
    void anUnknownRedisKey() {
        assertError("redis:\n  host: 127.0.0.1\n", 23, 3, "redis: unknown key 'host'");
    }

    @Test
    void theShippedConfigsStartWithSqliteAndCarryPlansForBothCarriers() throws Exception {
        for (String file : List.of("../config/sipfront.yaml", "../config/examples/loopback.yaml")) {
            NormalizationSettings n = ConfigLoader.load(Path.of(file)).normalization();
            assertTrue(n.enabled(), file);
            assertEquals(NormalizationSettings.Store.SQLITE, n.store(), file);
            assertEquals(List.of("carrier-a", "carrier-b"), n.seeds().stream().map(NumberingPlan::carrier).toList(),
                    file);
            assertEquals(NumberingPlan.OutboundFormat.E164, n.seeds().get(0).outboundFormat(), file);
            assertEquals(NumberingPlan.OutboundFormat.INTERNATIONAL_00, n.seeds().get(1).outboundFormat(), file);
        }
    }
}
