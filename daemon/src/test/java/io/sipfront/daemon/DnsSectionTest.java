package io.sipfront.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.ConfigSections;
import io.sipfront.core.testing.MinimalConfig;
import io.sipfront.resolver.DnsSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The {@code dns} section: the block in docs/operations.md is the one source of its keys and defaults. */
class DnsSectionTest {
    private static final ConfigSections SECTIONS = ConfigSections.of(DnsSection.SECTION);

    private static DnsSettings parse(String dns) throws ConfigException {
        return ConfigLoader.parse(MinimalConfig.SIP + MinimalConfig.REST + dns, "dns.yaml", null, SECTIONS)
                .section(DnsSection.SECTION);
    }

    private static String documentedBlock() throws Exception {
        String doc = Files.readString(Path.of("../docs/operations.md"));
        Matcher m = Pattern.compile("#### The `dns:` section.*?```yaml\n(dns:\n.*?)```", Pattern.DOTALL).matcher(doc);
        assertTrue(m.find(), "docs/operations.md has the dns block");
        return m.group(1);
    }

    @Test
    void theDocumentedBlockHasExactlyTheKeysAndItsValuesAreTheDefaults() throws Exception {
        String block = documentedBlock();
        List<String> keys = block.lines().skip(1).map(l -> l.strip().split(":")[0]).toList();
        assertEquals(DnsSection.KEYS, keys, "docs and reader list the same keys, in the same order");
        assertEquals(DnsSettings.DEFAULTS, parse(block));
    }

    @Test
    void everyKeyIsRead() throws Exception {
        DnsSettings s = parse("""
                dns:
                  resolvers: [127.0.0.53:53, 127.0.0.54]
                  query_timeout_ms: 1000
                  min_ttl_s: 2
                  refresh_fraction: 0.7
                  idle_timeout_s: 60
                  naptr: false
                """);
        assertEquals(2, s.resolvers().size());
        assertEquals(1000, s.queryTimeout().toMillis());
        assertEquals(2, s.minTtl().toSeconds());
        assertEquals(0.7, s.refreshFraction());
        assertEquals(60, s.idleTimeout().toSeconds());
        assertEquals(false, s.naptr());
    }

    @Test
    void aFractionOutOfRangeNamesItsLine() {
        String e = assertThrows(ConfigException.class, () -> parse("dns:\n  refresh_fraction: 0.99\n")).getMessage();
        assertTrue(e.contains("dns.refresh_fraction") && e.contains("out of range 0.5..0.95"), e);
    }
}
