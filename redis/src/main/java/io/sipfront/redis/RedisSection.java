package io.sipfront.redis;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigMap;
import io.sipfront.config.ConfigNode;
import io.sipfront.config.ConfigPaths;
import io.sipfront.config.ConfigSection;
import io.sipfront.config.HostNames;
import io.sipfront.config.HostPort;
import io.sipfront.config.InvalidValueException;
import io.sipfront.config.Ports;
import io.sipfront.config.SectionContext;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional {@code redis} section: server or Sentinel addresses, credentials, database and timeouts. Only read
 * by features configured to use Redis; left out, {@link RedisSettings#DEFAULTS} (127.0.0.1:6379).
 */
public final class RedisSection {
    public static final String KEY = "redis";
    public static final ConfigSection<RedisSettings> SECTION =
            ConfigSection.of(KEY, context -> RedisSettings.DEFAULTS, RedisSection::read);
    static final List<String> KEYS = List.of("addresses", "sentinel_master", "sentinels", "password",
            "password_file", "database", "connect_timeout_ms", "timeout_ms");
    static final String ADDRESS_FORMS = "host:port (127.0.0.1:6379, redis.example.net:6379, [::1]:6379)";

    private RedisSection() {
    }

    static RedisSettings read(ConfigNode section, SectionContext context) throws ConfigException {
        ConfigMap r = section.asMap(KEYS);
        RedisSettings d = RedisSettings.DEFAULTS;
        List<RedisSettings.Address> addresses = r.has("addresses") ? addresses(r.required("addresses"), "Redis address")
                : d.addresses();
        String master = r.has("sentinel_master") ? r.required("sentinel_master").asText("a Sentinel master name")
                : null;
        List<RedisSettings.Address> sentinels = r.has("sentinels")
                ? addresses(r.required("sentinels"), "Sentinel address") : List.of();
        if (master != null && sentinels.isEmpty()) {
            throw r.blame("sentinel_master").error("sentinel_master needs the Sentinel addresses in 'sentinels'");
        }
        if (master == null && !sentinels.isEmpty()) {
            throw r.blame("sentinels").error("sentinels need the master name in 'sentinel_master'");
        }
        if (r.has("password") && r.has("password_file")) {
            throw r.blame("password_file").error("set either password or password_file, not both");
        }
        String password = r.has("password") ? r.required("password").asText("a password") : null;
        if (r.has("password_file")) {
            ConfigNode node = r.required("password_file");
            Path file = ConfigPaths.read(node, context.source());
            try {
                password = Files.readString(file, StandardCharsets.UTF_8).strip();
            } catch (IOException | RuntimeException e) {
                throw node.error("cannot read the password file '" + file + "': " + e.getMessage());
            }
        }
        int database = r.optionalInt("database", d.database(), 0, 1023);
        int connect = r.optionalInt("connect_timeout_ms", d.connectTimeoutMs(), 10, 60_000);
        int timeout = r.optionalInt("timeout_ms", d.timeoutMs(), 10, 60_000);
        return new RedisSettings(addresses, master, sentinels, password, database, connect, timeout);
    }

    private static List<RedisSettings.Address> addresses(ConfigNode list, String noun) throws ConfigException {
        List<RedisSettings.Address> out = new ArrayList<>();
        for (ConfigNode node : list.asNonEmptyList(noun)) {
            out.add(node.parse(RedisSection::address, ADDRESS_FORMS));
        }
        return out;
    }

    private static RedisSettings.Address address(String text) throws InvalidValueException {
        HostPort hp = HostPort.split(text);
        if (hp.port() == null || hp.isUnbracketedIpv6()) {
            throw new InvalidValueException("'" + text + "' needs a port: " + ADDRESS_FORMS);
        }
        String host = hp.bracketed() ? hp.host() : HostNames.check(hp.host());
        return new RedisSettings.Address(host, Ports.parse(hp.port()));
    }
}
