package io.sipfront.redis;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static io.sipfront.core.testing.ConfigAssertions.assertConfigError;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.ConfigSections;
import io.sipfront.core.testing.MinimalConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The redis section: values read, defaults, and every mistake at its line and column. */
class RedisSectionTest {
    /** The minimal document is 21 lines; the section starts on line 22. */
    static final String BASE = MinimalConfig.SIP + MinimalConfig.REST;

    static RedisSettings parse(String extra) throws ConfigException {
        return ConfigLoader.parse(BASE + extra, "n.yaml", null, ConfigSections.of(RedisSection.SECTION))
                .section(RedisSection.SECTION);
    }

    static void assertError(String extra, int line, int column, String... fragments) {
        assertConfigError("n.yaml", line, column, () -> parse(extra), fragments);
    }

    @Test
    void withoutTheSectionTheLocalServer() throws Exception {
        assertEquals(RedisSettings.DEFAULTS, parse(""));
        assertEquals(List.of(new RedisSettings.Address("127.0.0.1", 6379)), RedisSettings.DEFAULTS.addresses());
    }

    @Test
    void redisWithSentinels(@TempDir Path dir) throws Exception {
        Path pw = dir.resolve("pw");
        Files.writeString(pw, "s3cret\n");
        RedisSettings r = parse("redis:\n  sentinel_master: numbering\n  sentinels: [10.0.0.1:26379, '[::1]:26380']\n"
                + "  password_file: " + pw + "\n  database: 2\n");
        assertEquals("numbering", r.sentinelMaster());
        assertEquals(List.of(new RedisSettings.Address("10.0.0.1", 26379), new RedisSettings.Address("::1", 26380)),
                r.sentinels());
        assertEquals("s3cret", r.password());
        assertEquals(2, r.database());
        assertFalse(r.toString().contains("s3cret"), "the password never reaches a log line");
    }

    @Test
    void aRelativePasswordFileIsTakenFromTheConfigFilesDirectory(@TempDir Path dir) throws Exception {
        Path etc = Files.createDirectories(dir.resolve("etc"));
        Files.writeString(etc.resolve("redis.password"), "next-to-the-config\n");
        Path config = etc.resolve("sipfront.yaml");
        Files.writeString(config, BASE + "redis:\n  password_file: redis.password\n");
        RedisSettings r = ConfigLoader.load(config, ConfigSections.of(RedisSection.SECTION))
                .section(RedisSection.SECTION);
        assertEquals("next-to-the-config", r.password());
    }

    @Test
    void redisPlainAddress() throws Exception {
        RedisSettings r = parse("redis:\n  addresses: [redis.example.net:6380]\n");
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
}
