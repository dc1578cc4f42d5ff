package io.sipfront.config;

import static io.sipfront.core.testing.ConfigAssertions.assertConfigError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.core.testing.EdgeConfigs;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class EdgeSectionTest {
    /** Line of the first line after the shared topology. */
    private static final int EDGE_LINE = (int) EdgeConfigs.LOOPBACK.lines().count() + 1;

    @Test
    void leftOutNothingIsProtected() {
        EdgeSettings s = EdgeConfigs.withEdge("").section(EdgeSection.SECTION);
        assertFalse(s.enabled());
    }

    @Test
    void writtenEmptyTheDefaultsApply() {
        EdgeSettings s = EdgeConfigs.withEdge("edge:\n").section(EdgeSection.SECTION);
        assertTrue(s.enabled());
        assertEquals(30, s.flood().maxRequests());
        assertEquals(2000, s.flood().windowMs());
        assertEquals(60_000, s.flood().banMs());
        assertTrue(s.scannerAgents().contains("friendly-scanner"));
    }

    @Test
    void theShippedExampleHasTheIssuesNumbers() throws Exception {
        Path file = Path.of("..", "config", "examples", "edge-protection.yaml");
        SipfrontConfig c = ConfigLoader.load(file, EdgeConfigs.SECTIONS);
        EdgeSettings s = c.section(EdgeSection.SECTION);
        assertEquals(new EdgeSettings.Flood(2000, 30, 60_000, 16_384), s.flood());
        assertTrue(s.scannerAgents().contains("sipvicious"));
        EdgeSettings.Limits b = s.carrier("carrier-b");
        assertEquals(20, b.callsPerSecond());
        assertTrue(b.burst() >= 1 && b.burst() <= 20);
        assertEquals(50, b.maxConcurrentCalls());
        assertEquals(null, s.carrier("carrier-a"));
    }

    @Test
    void limitsAndScannersAreRead() {
        EdgeSettings s = EdgeConfigs.withEdge("""
                edge:
                  scanners: { user_agents: [Evil-Bot] }
                  carriers:
                    - { name: carrier-a, max_requests: 100, over_limit: ban }
                  trunk_groups:
                    - { name: premium, calls_per_second: 8, burst: 8, max_concurrent_calls: 3 }
                  fix_nated_contact: [127.0.0.21]
                """).section(EdgeSection.SECTION);
        assertEquals(java.util.List.of("evil-bot"), s.scannerAgents());
        assertTrue(s.carrier("carrier-a").banOverLimit());
        assertEquals(8, s.trunkGroup("premium").burst());
        assertEquals(1, s.fixNatedContact().size());
    }

    @Test
    void anUnknownCarrierIsNamedWithItsPosition() {
        assertConfigError("edge.yaml", EDGE_LINE + 2, 15, () -> EdgeConfigs.parse(EdgeConfigs.LOOPBACK + """
                edge:
                  carriers:
                    - { name: carrier-x, calls_per_second: 5 }
                """), "no carrier 'carrier-x'", "carrier-a, carrier-b");
    }

    @Test
    void anUnknownTrunkGroupIsRefused() {
        assertConfigError("edge.yaml", EDGE_LINE + 2, 15, () -> EdgeConfigs.parse(EdgeConfigs.LOOPBACK + """
                edge:
                  trunk_groups:
                    - { name: cheap, calls_per_second: 5 }
                """), "no trunk group 'cheap'");
    }

    @Test
    void aBurstOfMoreThanOneSecondIsRefused() {
        assertConfigError("edge.yaml", EDGE_LINE + 2, 55, () -> EdgeConfigs.parse(EdgeConfigs.LOOPBACK + """
                edge:
                  carriers:
                    - { name: carrier-b, calls_per_second: 20, burst: 40 }
                """), "more than one second's worth");
    }

    @Test
    void aMisspeltKeyIsRefusedWithASuggestion() {
        assertConfigError("edge.yaml", EDGE_LINE + 2, 5, () -> EdgeConfigs.parse(EdgeConfigs.LOOPBACK + """
                edge:
                  flood:
                    max_request: 3
                """), "did you mean 'max_requests'");
    }
}
