package io.sipfront.resolver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class DnsSettingsTest {
    @Test
    void defaultsUseTheSystemResolversAndServeStaleForHours() {
        DnsSettings d = DnsSettings.DEFAULTS;
        assertTrue(d.resolvers().isEmpty());
        assertEquals(Duration.ofHours(24), d.maxStale());
        assertEquals(0.8, d.refreshFraction());
        assertEquals(Duration.ofSeconds(8), d.queryBudget(2), "2 servers x 2 attempts x 2 s");
    }

    @Test
    void badValuesAreRefusedNamingTheSetting() {
        assertMessage("min_ttl_s (120) must not exceed max_ttl_s (60)", DnsSettings.builder()
                .minTtl(Duration.ofMinutes(2)).maxTtl(Duration.ofMinutes(1)));
        assertMessage("query_timeout_ms must be 100..30000, not 50",
                DnsSettings.builder().queryTimeout(Duration.ofMillis(50)));
        assertMessage("min_ttl_s must be 1..86400, not 0", DnsSettings.builder().minTtl(Duration.ZERO));
        assertMessage("refresh_fraction must be 0.5..0.95, not 1.0", DnsSettings.builder().refreshFraction(1.0));
        assertMessage("attempts must be 1..5, not 0", DnsSettings.builder().attempts(0));
        assertMessage("max_stale_s must be 0..604800, not 691200",
                DnsSettings.builder().maxStale(Duration.ofDays(8)));
    }

    private static void assertMessage(String expected, DnsSettings.Builder builder) {
        assertEquals(expected, assertThrows(IllegalArgumentException.class, builder::build).getMessage());
    }

    @Test
    void resolverAddressesAreIpLiteralsWithAnOptionalPort() {
        assertEquals("127.0.0.53:53", ResolverAddress.parse("127.0.0.53").toString());
        assertEquals("127.0.0.54:5353", ResolverAddress.parse("127.0.0.54:5353").toString());
        assertEquals("[0:0:0:0:0:0:0:1]:53", ResolverAddress.parse("::1").toString());
        assertEquals("[2001:db8:0:0:0:0:0:53]:5300", ResolverAddress.parse("[2001:db8::53]:5300").toString());
        for (String bad : List.of("dns.example.net", "127.0.0.53:0", "127.0.0.53:x", "[::1", "[::1]53")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ResolverAddress.parse(bad), bad);
            assertTrue(e.getMessage().startsWith("'" + bad + "'"), e.getMessage());
        }
    }
}
