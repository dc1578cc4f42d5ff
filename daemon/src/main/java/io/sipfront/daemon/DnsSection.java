package io.sipfront.daemon;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigMap;
import io.sipfront.config.ConfigNode;
import io.sipfront.config.ConfigSection;
import io.sipfront.config.InvalidValueException;
import io.sipfront.config.SectionContext;
import io.sipfront.resolver.DnsSettings;
import io.sipfront.resolver.ResolverAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The optional {@code dns} section: the resolvers and cache rules for destination host names (docs/operations.md,
 * "DNS"). Left out: the system's resolvers and {@link DnsSettings#DEFAULTS}.
 */
final class DnsSection {
    static final ConfigSection<DnsSettings> SECTION = ConfigSection.of("dns", context -> DnsSettings.DEFAULTS,
            DnsSection::read);
    static final List<String> KEYS = List.of("resolvers", "query_timeout_ms", "attempts", "min_ttl_s", "max_ttl_s",
            "negative_ttl_s", "max_stale_s", "refresh_fraction", "idle_timeout_s", "naptr", "ipv6");

    private DnsSection() {
    }

    static DnsSettings read(ConfigNode node, SectionContext context) throws ConfigException {
        ConfigMap dns = node.asMap(KEYS);
        DnsSettings d = DnsSettings.DEFAULTS;
        List<ResolverAddress> resolvers = new ArrayList<>();
        if (dns.has("resolvers")) {
            for (ConfigNode r : dns.required("resolvers").asList()) { // empty: the system's
                String text = r.asText("a resolver address (" + ResolverAddress.FORMS + ")");
                try {
                    resolvers.add(ResolverAddress.parse(text));
                } catch (IllegalArgumentException e) {
                    throw r.error(e.getMessage());
                }
            }
        }
        try {
            return d.toBuilder()
                    .resolvers(resolvers)
                    .queryTimeout(Duration.ofMillis(dns.optionalLong("query_timeout_ms",
                            d.queryTimeout().toMillis(), 100, 30_000)))
                    .attempts(dns.optionalInt("attempts", d.attempts(), 1, 5))
                    .minTtl(seconds(dns, "min_ttl_s", d.minTtl(), 1, 86_400))
                    .maxTtl(seconds(dns, "max_ttl_s", d.maxTtl(), 1, 7 * 86_400))
                    .negativeTtl(seconds(dns, "negative_ttl_s", d.negativeTtl(), 1, 86_400))
                    .maxStale(seconds(dns, "max_stale_s", d.maxStale(), 0, 7 * 86_400))
                    .refreshFraction(dns.has("refresh_fraction") ? dns.required("refresh_fraction")
                            .parse(DnsSection::fraction, "a fraction of the TTL (0.5..0.95)") : d.refreshFraction())
                    .idleTimeout(seconds(dns, "idle_timeout_s", d.idleTimeout(), 10, 7 * 86_400))
                    .naptr(dns.optionalBoolean("naptr", d.naptr()))
                    .ipv6(dns.optionalBoolean("ipv6", d.ipv6()))
                    .build();
        } catch (IllegalArgumentException e) {
            throw node.error(e.getMessage());
        }
    }

    private static double fraction(String text) throws InvalidValueException {
        double v;
        try {
            v = Double.parseDouble(text);
        } catch (NumberFormatException e) {
            throw new InvalidValueException("'" + text + "' is not a number");
        }
        if (!(v >= 0.5 && v <= 0.95)) {
            throw new InvalidValueException(text + " is out of range 0.5..0.95");
        }
        return v;
    }

    private static Duration seconds(ConfigMap dns, String key, Duration dflt, long min, long max)
            throws ConfigException {
        return Duration.ofSeconds(dns.optionalLong(key, dflt.toSeconds(), min, max));
    }
}
