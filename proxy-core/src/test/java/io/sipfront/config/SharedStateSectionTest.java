package io.sipfront.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The {@code shared_state} section: off by default, every key, and each mistake at its line and column. */
class SharedStateSectionTest {
    /** Lines 1..21: a valid config; the section under test starts at line 22. */
    static final String REST = ConfigErrorTest.SIP + ConfigErrorTest.REST;

    @Test
    void leftOutItIsDisabled() throws Exception {
        SharedStateSettings s = ConfigLoader.parse(REST, "x.yaml", null).sharedState();
        assertEquals(SharedStateSettings.DISABLED, s);
        assertFalse(s.enabled());
    }

    @Test
    void everyKeyIsRead() throws Exception {
        SharedStateSettings s = ConfigLoader.parse(REST + """
                shared_state:
                  cluster: edge-pair-1
                  node_id: node1
                  stale_after_ms: 9000
                """, "x.yaml", Path.of("/srv/x.yaml")).sharedState();
        assertAll(() -> assertTrue(s.enabled()),
                () -> assertEquals("edge-pair-1", s.cluster()),
                () -> assertEquals("node1", s.nodeId()),
                () -> assertEquals(9000, s.staleAfterMs()),
                () -> assertEquals(3000, s.refreshMs()));
    }

    @Test
    void disabledNeedsNoNodeId() throws Exception {
        SharedStateSettings s = ConfigLoader.parse(REST + "shared_state: { enabled: false }\n", "x.yaml", null)
                .sharedState();
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
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "a.yaml", null));
        assertAll(() -> assertEquals(line, e.line(), e.getMessage()),
                () -> assertEquals(column, e.column(), e.getMessage()),
                () -> {
                    for (String f : fragments) {
                        assertTrue(e.getMessage().contains(f), () -> "'" + e.getMessage() + "' should contain '" + f + "'");
                    }
                },
                () -> assertTrue(e.getMessage().startsWith("a.yaml:" + line + ":" + column + ": "), e.getMessage()));
    }
}
