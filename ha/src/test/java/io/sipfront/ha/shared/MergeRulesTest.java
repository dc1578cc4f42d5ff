package io.sipfront.ha.shared;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.dispatcher.OperatorAction;
import io.sipfront.time.FakeClock;
import org.junit.jupiter.api.Test;

/** The merge rules on a fake wall clock: no sleeping, no Redis. */
class MergeRulesTest {
    private final FakeClock clock = new FakeClock();
    private final MergeRules rules = new MergeRules("node2", 30_000, clock);

    private HealthEntry peer(String node, String observed, boolean suspect, long since, long updated) {
        return new HealthEntry(node, "carriers", "carrier-a", observed, observed, suspect, since, "probe timeout",
                0, since, updated, 0, 0, 0);
    }

    @Test
    void aFreshPeerObservationOfInactiveDegradedOrSuspectMakesThisNodeProbe() {
        assertEquals(MergeRules.Verdict.PROBE, rules.peerHealth(peer("node1", "inactive", false, 10, clock.currentTimeMillis())));
        MergeRules other = new MergeRules("node2", 30_000, clock);
        assertEquals(MergeRules.Verdict.PROBE, other.peerHealth(peer("node1", "degraded", false, 10, clock.currentTimeMillis())));
        MergeRules third = new MergeRules("node2", 30_000, clock);
        assertEquals(MergeRules.Verdict.PROBE, third.peerHealth(peer("node1", "active", true, 10, clock.currentTimeMillis())));
    }

    @Test
    void aHealthyPeerChangesNothing() {
        assertEquals(MergeRules.Verdict.HEALTHY, rules.peerHealth(peer("node1", "active", false, 10, clock.currentTimeMillis())));
    }

    @Test
    void ownEntriesAreNeverApplied() {
        assertEquals(MergeRules.Verdict.OWN, rules.peerHealth(peer("node2", "inactive", false, 10, clock.currentTimeMillis())));
    }

    @Test
    void anEntryNotRefreshedWithinTheBoundIsIgnored() {
        long written = clock.currentTimeMillis();
        clock.advanceMillis(30_000);
        assertEquals(MergeRules.Verdict.PROBE, rules.peerHealth(peer("node1", "inactive", false, 10, written)));
        clock.advanceMillis(1);
        MergeRules later = new MergeRules("node2", 30_000, clock);
        assertEquals(MergeRules.Verdict.STALE, later.peerHealth(peer("node1", "inactive", false, 10, written)));
    }

    @Test
    void oneObservationIsActedOnOnceThoughRefreshedOften() {
        assertEquals(MergeRules.Verdict.PROBE, rules.peerHealth(peer("node1", "inactive", false, 10, clock.currentTimeMillis())));
        clock.advanceMillis(10_000);
        assertEquals(MergeRules.Verdict.SEEN, rules.peerHealth(peer("node1", "inactive", false, 10, clock.currentTimeMillis())));
        // A new observation (since changed) counts again.
        assertEquals(MergeRules.Verdict.PROBE, rules.peerHealth(peer("node1", "degraded", false, 20, clock.currentTimeMillis())));
    }

    @Test
    void aRelapseAfterRecoveryIsANewObservation() {
        assertEquals(MergeRules.Verdict.PROBE, rules.peerHealth(peer("node1", "inactive", false, 10, clock.currentTimeMillis())));
        assertEquals(MergeRules.Verdict.HEALTHY, rules.peerHealth(peer("node1", "active", false, 11, clock.currentTimeMillis())));
        assertEquals(MergeRules.Verdict.PROBE, rules.peerHealth(peer("node1", "inactive", false, 12, clock.currentTimeMillis())));
    }

    @Test
    void eachPeerNodeIsTrackedApart() {
        assertEquals(MergeRules.Verdict.PROBE, rules.peerHealth(peer("node1", "inactive", false, 10, clock.currentTimeMillis())));
        assertEquals(MergeRules.Verdict.PROBE, rules.peerHealth(peer("node3", "inactive", false, 10, clock.currentTimeMillis())));
    }

    @Test
    void theNewestOperatorActionWinsWhicheverNodeTookIt() {
        OperatorEntry disable = new OperatorEntry("carriers", "carrier-a", "disable", 500, "node1");
        assertTrue(rules.operatorAction(disable));
        assertFalse(rules.operatorAction(disable), "the same action again (an echo, a resync) is not re-applied");
        assertFalse(rules.operatorAction(new OperatorEntry("carriers", "carrier-a", "enable", 400, "node1")),
                "an older action loses");
        assertTrue(rules.operatorAction(new OperatorEntry("carriers", "carrier-a", "enable", 500, "node3")),
                "same millisecond: the greater node id wins");
        assertFalse(rules.operatorAction(new OperatorEntry("carriers", "carrier-a", "drain", 500, "node0")));
    }

    @Test
    void operatorActionsDoNotGoStale() {
        clock.advanceMillis(10_000_000);
        assertTrue(rules.operatorAction(new OperatorEntry("carriers", "carrier-a", "disable", 1, "node1")));
    }

    @Test
    void aLocalActionIsStampedAfterTheOneItReplaces() {
        assertTrue(rules.operatorAction(new OperatorEntry("carriers", "carrier-a", "disable", clock.currentTimeMillis() + 50,
                "node1"))); // the peer's clock runs a little ahead
        OperatorEntry local = rules.localAction("carriers", "carrier-a", OperatorAction.ENABLE);
        assertEquals(clock.currentTimeMillis() + 51, local.at());
        assertEquals("node2", local.node());
        assertTrue(rules.isCurrent(local));
        assertFalse(rules.operatorAction(local), "our own action coming back is not re-applied");
        // A newer peer action replaces an action not yet written (Redis was down): it must not be sent any more.
        assertTrue(rules.operatorAction(new OperatorEntry("carriers", "carrier-a", "drain", clock.currentTimeMillis() + 100,
                "node1")));
        assertFalse(rules.isCurrent(local));
    }
}
