package io.sipfront.ha.config;

import static io.sipfront.core.testing.ConfigAssertions.assertConfigError;
import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.ConfigSections;
import io.sipfront.core.testing.MinimalConfig;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code shared_state} section: off by default, every key, and each mistake at its line and column. */
class SharedStateSectionTest {
    /** Lines 1..21: a valid config; the section under test starts at line 22. */
    static final String REST = MinimalConfig.SIP + MinimalConfig.REST;

    static SharedStateSettings parse(String yaml, Path source) throws ConfigException {
        return ConfigLoader.parse(yaml, "x.yaml", source, ConfigSections.of(SharedStateSection.SECTION))
                .section(SharedStateSection.SECTION);
    }

    @Test
    void leftOutItIsDisabled() throws Exception {
        SharedStateSettings s = parse(REST, null);
        assertEquals(SharedStateSettings.DISABLED, s);
        assertFalse(s.enabled());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        SharedStateSettings s = parse(REST + """
                shared_state:
                  cluster: edge-pair-1
                  node_id: node1
                  stale_after_ms: 9000
                """, Path.of("/srv/x.yaml"));
        assertAll(() -> assertTrue(s.enabled()),
                () -> assertEquals("edge-pair-1", s.cluster()),
                () -> assertEquals("node1", s.nodeId()),
                () -> assertEquals(9000, s.staleAfterMs()),
                () -> assertEquals(3000, s.refreshMs()));
    }

    @Test
    void disabledNeedsNoNodeId() throws Exception {
        SharedStateSettings s = parse(REST + "shared_state: { enabled: false }\n", null);
        assertFalse(s.enabled());
    }

    @Test
    void enabledWithoutNodeIdIsRejectedAtTheSection() {
        assertError(REST + "shared_state:\n  cluster: a\n", 22, 1, "shared_state: missing required key 'node_id'");
    }

    @Test
    void unknownKeyIsRejectedWithASuggestion() {
        assertError(REST + "shared_state:\n  node_id: n1\n  stale_after: 5000\n", 24, 3,
                "shared_state: unknown key 'stale_after'", "allowed keys: enabled, cluster, node_id, stale_after_ms",
                "did you mean 'stale_after_ms'?");
    }

    @Test
    void badNamesAndBoundsAreRejected() {
        assertError(REST + "shared_state:\n  node_id: \"node 1\"\n", 23, 12, "may hold only letters");
        assertError(REST + "shared_state:\n  node_id: n1\n  cluster: \"a:b\"\n", 24, 12, "may hold only letters");
        assertError(REST + "shared_state:\n  node_id: n1\n  stale_after_ms: 10\n", 24, 19, "stale_after_ms");
    }

    private static void assertError(String yaml, int line, int column, String... fragments) {
        assertConfigError("a.yaml", line, column, () -> ConfigLoader.parse(yaml, "a.yaml", null,
                ConfigSections.of(SharedStateSection.SECTION)), fragments);
    }
}
