package io.sipfront.resolver;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * How Sipfront resolves destination names. Immutable and validated: a bad value throws
 * {@link IllegalArgumentException} whose message names the setting by its key in the {@code dns:} config
 * section (docs/operations.md, "DNS reference": {@code query_timeout_ms}, {@code min_ttl_s}, ...), counted in that key's unit.
 *
 * @param resolvers       DNS servers asked in this order (a failing one is moved behind the others until they
 *                        fail too); empty: the system's (/etc/resolv.conf)
 * @param queryTimeout    how long one server gets to answer one query before the next server is asked
 * @param attempts        rounds through the server list for one query
 * @param minTtl          answers are kept at least this long, whatever their TTL
 * @param maxTtl          ... and at most this long
 * @param negativeTtl     how long "no such name" / "no such record" is kept (clamped by min and max TTL)
 * @param maxStale        how long past its TTL an answer keeps serving while every resolver fails (RFC 8767);
 *                        zero turns serve-stale off
 * @param refreshFraction the part of a TTL after which a record in use is refreshed in the background (minus up
 *                        to a tenth of the TTL of jitter)
 * @param idleTimeout     a name nobody asked for within this long is no longer refreshed in the background
 *                        (its last answer still serves until max stale)
 * @param naptr           look up NAPTR first for URIs without port and transport (RFC 3263); off: SRV first
 * @param ipv6            look up AAAA next to A
 */
public record DnsSettings(List<ResolverAddress> resolvers, Duration queryTimeout, int attempts, Duration minTtl,
                          Duration maxTtl, Duration negativeTtl, Duration maxStale, double refreshFraction,
                          Duration idleTimeout, boolean naptr, boolean ipv6) {

    public static final DnsSettings DEFAULTS = new DnsSettings(List.of(), Duration.ofSeconds(2), 2,
            Duration.ofSeconds(1), Duration.ofHours(1), Duration.ofSeconds(30), Duration.ofHours(24), 0.8,
            Duration.ofHours(1), true, true);

    public DnsSettings {
        resolvers = List.copyOf(resolvers);
        Objects.requireNonNull(queryTimeout, "query_timeout_ms");
        Objects.requireNonNull(minTtl, "min_ttl_s");
        Objects.requireNonNull(maxTtl, "max_ttl_s");
        Objects.requireNonNull(negativeTtl, "negative_ttl_s");
        Objects.requireNonNull(maxStale, "max_stale_s");
        Objects.requireNonNull(idleTimeout, "idle_timeout_s");
        within("query_timeout_ms", queryTimeout, Duration.ofMillis(100), Duration.ofSeconds(30));
        if (attempts < 1 || attempts > 5) {
            throw new IllegalArgumentException("attempts must be 1..5, not " + attempts);
        }
        within("min_ttl_s", minTtl, Duration.ofSeconds(1), Duration.ofDays(1));
        within("max_ttl_s", maxTtl, Duration.ofSeconds(1), Duration.ofDays(7));
        if (minTtl.compareTo(maxTtl) > 0) {
            throw new IllegalArgumentException("min_ttl_s (" + minTtl.toSeconds() + ") must not exceed max_ttl_s ("
                    + maxTtl.toSeconds() + ")");
        }
        within("negative_ttl_s", negativeTtl, Duration.ofSeconds(1), Duration.ofDays(1));
        within("max_stale_s", maxStale, Duration.ZERO, Duration.ofDays(7));
        if (!(refreshFraction >= 0.5 && refreshFraction <= 0.95)) {
            throw new IllegalArgumentException("refresh_fraction must be 0.5..0.95, not " + refreshFraction);
        }
        within("idle_timeout_s", idleTimeout, Duration.ofSeconds(10), Duration.ofDays(7));
    }

    /** Checks a range; the message counts in the unit the key's suffix names ({@code _ms} or {@code _s}). */
    private static void within(String key, Duration value, Duration min, Duration max) {
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw new IllegalArgumentException(key + " must be " + in(key, min) + ".." + in(key, max) + ", not "
                    + in(key, value));
        }
    }

    private static long in(String key, Duration d) {
        return key.endsWith("_ms") ? d.toMillis() : d.toSeconds();
    }

    /** The total time one query may take: every server, every attempt, each up to the query timeout. */
    Duration queryBudget(int servers) {
        return queryTimeout.multipliedBy((long) Math.max(1, servers) * attempts);
    }

    public static Builder builder() {
        return new Builder(DEFAULTS);
    }

    public Builder toBuilder() {
        return new Builder(this);
    }

    /** Starts from {@link #DEFAULTS} (or another settings value); {@link #build()} validates. */
    public static final class Builder {
        private List<ResolverAddress> resolvers;
        private Duration queryTimeout;
        private int attempts;
        private Duration minTtl;
        private Duration maxTtl;
        private Duration negativeTtl;
        private Duration maxStale;
        private double refreshFraction;
        private Duration idleTimeout;
        private boolean naptr;
        private boolean ipv6;

        private Builder(DnsSettings s) {
            resolvers = s.resolvers;
            queryTimeout = s.queryTimeout;
            attempts = s.attempts;
            minTtl = s.minTtl;
            maxTtl = s.maxTtl;
            negativeTtl = s.negativeTtl;
            maxStale = s.maxStale;
            refreshFraction = s.refreshFraction;
            idleTimeout = s.idleTimeout;
            naptr = s.naptr;
            ipv6 = s.ipv6;
        }

        public Builder resolvers(List<ResolverAddress> v) {
            resolvers = v;
            return this;
        }

        public Builder queryTimeout(Duration v) {
            queryTimeout = v;
            return this;
        }

        public Builder attempts(int v) {
            attempts = v;
            return this;
        }

        public Builder minTtl(Duration v) {
            minTtl = v;
            return this;
        }

        public Builder maxTtl(Duration v) {
            maxTtl = v;
            return this;
        }

        public Builder negativeTtl(Duration v) {
            negativeTtl = v;
            return this;
        }

        public Builder maxStale(Duration v) {
            maxStale = v;
            return this;
        }

        public Builder refreshFraction(double v) {
            refreshFraction = v;
            return this;
        }

        public Builder idleTimeout(Duration v) {
            idleTimeout = v;
            return this;
        }

        public Builder naptr(boolean v) {
            naptr = v;
            return this;
        }

        public Builder ipv6(boolean v) {
            ipv6 = v;
            return this;
        }

        public DnsSettings build() {
            return new DnsSettings(resolvers, queryTimeout, attempts, minTtl, maxTtl, negativeTtl, maxStale,
                    refreshFraction, idleTimeout, naptr, ipv6);
        }
    }
}
