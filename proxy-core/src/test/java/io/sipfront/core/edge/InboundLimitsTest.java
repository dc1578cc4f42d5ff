package io.sipfront.core.edge;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.EdgeSection;
import io.sipfront.config.EdgeSettings;
import io.sipfront.core.testing.EdgeConfigs;
import io.sipfront.time.FakeClock;
import org.junit.jupiter.api.Test;

class InboundLimitsTest {
    private final FakeClock clock = new FakeClock();

    private static EdgeSettings settings(String edge) {
        return EdgeConfigs.withEdge(edge).section(EdgeSection.SECTION);
    }

    @Test
    void concurrentCallsAreCountedUntilReleasedOnce() {
        InboundLimits limits = new InboundLimits(clock, settings("""
                edge:
                  carriers: [{ name: carrier-b, max_concurrent_calls: 2 }]
                """));
        Admission a = limits.admitCarrier("carrier-b");
        Admission b = limits.admitCarrier("carrier-b");
        Admission c = limits.admitCarrier("carrier-b");
        assertTrue(a.admitted() && b.admitted());
        assertFalse(c.admitted());
        assertEquals("carrier carrier-b: max_concurrent_calls 2", c.refusedBy());
        a.release();
        a.release(); // a failed call and a late BYE must not free two slots
        assertTrue(limits.admitCarrier("carrier-b").admitted());
        assertFalse(limits.admitCarrier("carrier-b").admitted());
        assertTrue(limits.admitCarrier("carrier-a").admitted(), "carrier-a has no limit");
    }

    @Test
    void callsPerSecondRefuseBeyondTheBucketAndGiveTheSlotBack() {
        InboundLimits limits = new InboundLimits(clock, settings("""
                edge:
                  carriers: [{ name: carrier-b, calls_per_second: 4, burst: 2, max_concurrent_calls: 10 }]
                """));
        assertTrue(limits.admitCarrier("carrier-b").admitted());
        assertTrue(limits.admitCarrier("carrier-b").admitted());
        Admission refused = limits.admitCarrier("carrier-b");
        assertEquals("carrier carrier-b: calls_per_second 4", refused.refusedBy());
        assertEquals(2, limits.view().get(0).get("calls_in_progress"));
        clock.advanceMillis(250);
        assertTrue(limits.admitCarrier("carrier-b").admitted());
    }

    @Test
    void aTrunkGroupRefusalGivesTheCarriersSlotBack() {
        InboundLimits limits = new InboundLimits(clock, settings("""
                edge:
                  carriers: [{ name: carrier-a, max_concurrent_calls: 5 }]
                  trunk_groups: [{ name: premium, max_concurrent_calls: 1 }]
                """));
        Admission first = limits.admitTrunkGroup(limits.admitCarrier("carrier-a"), "premium");
        assertTrue(first.admitted());
        Admission second = limits.admitTrunkGroup(limits.admitCarrier("carrier-a"), "premium");
        assertEquals("trunk group premium: max_concurrent_calls 1", second.refusedBy());
        assertEquals(1, limits.view().get(0).get("calls_in_progress"), "only the first call holds carrier-a's slot");
        first.release();
        assertEquals(0, limits.view().get(0).get("calls_in_progress"));
        assertEquals(0, limits.view().get(1).get("calls_in_progress"));
    }

    @Test
    void aReloadKeepsTheCallsInProgress() {
        InboundLimits limits = new InboundLimits(clock, settings("""
                edge:
                  carriers: [{ name: carrier-b, max_concurrent_calls: 3 }]
                """));
        Admission held = limits.admitCarrier("carrier-b");
        limits.admitCarrier("carrier-b");
        limits.apply(settings("""
                edge:
                  carriers: [{ name: carrier-b, max_concurrent_calls: 2 }]
                """));
        assertFalse(limits.admitCarrier("carrier-b").admitted());
        held.release();
        assertTrue(limits.admitCarrier("carrier-b").admitted());
    }
}
