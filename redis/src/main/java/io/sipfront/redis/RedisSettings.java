package io.sipfront.redis;

import java.util.List;

/**
 * How to reach Redis, shared by every feature that keeps state there (numbering plans, HA shared state).
 *
 * @param addresses       Redis servers as host:port (the first is used without Sentinel)
 * @param sentinelMaster  the Sentinel master name, or null to talk to {@code addresses} directly
 * @param sentinels       Sentinel addresses (required with a master name)
 * @param password        null for none; read from {@code password_file} when that is set
 */
public record RedisSettings(List<Address> addresses, String sentinelMaster, List<Address> sentinels,
                            String password, int database, int connectTimeoutMs, int timeoutMs) {
    public record Address(String host, int port) {
        @Override
        public String toString() {
            return host.indexOf(':') >= 0 ? "[" + host + "]:" + port : host + ":" + port;
        }
    }

    public static final RedisSettings DEFAULTS =
            new RedisSettings(List.of(new Address("127.0.0.1", 6379)), null, List.of(), null, 0, 2000, 2000);

    public RedisSettings {
        addresses = List.copyOf(addresses);
        sentinels = List.copyOf(sentinels);
    }

    @Override
    public String toString() { // never the password
        return "RedisSettings[addresses=" + addresses + ", sentinelMaster=" + sentinelMaster + ", sentinels="
                + sentinels + ", database=" + database + "]";
    }
}
