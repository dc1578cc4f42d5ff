package io.sipfront.dispatcher;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.net.Transport;
import io.sipfront.time.FakeClock;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class DestinationHealthTest {
    private final FakeClock clock = new FakeClock();
    private final List<String> changes = new ArrayList<>();

    private DestinationHealth health(HealthSettings settings, int maxCalls, int maxCps) {
        Destination d = new Destination("a", "sip:a", InetSocketAddress.createUnresolved("a", 5060), Transport.UDP, 0, 1,
                maxCalls, maxCps, Optional.empty());
        return new DestinationHealth("carriers", d, settings, clock, (h, from, to, why) -> changes.add(from.apiName() + "->" + to.apiName()));
    }

    @Test
    void threeMissesMakeItInactiveAndTwoSuccessesBringItBack() {
        DestinationHealth h = health(HealthSettings.PROBING, 0, 0);
        h.probeMissed("timeout");
        h.probeMissed("timeout");
        assertEquals(HealthState.ACTIVE, h.state(), "two misses are not yet an outage");
        h.probeMissed("timeout");
        assertEquals(HealthState.INACTIVE, h.state());
        h.probeAnswered(200, 5);
        assertEquals(HealthState.INACTIVE, h.state(), "one good reply must not bring it back (flapping)");
        h.probeAnswered(200, 5);
        assertEquals(HealthState.ACTIVE, h.state());
        assertEquals(List.of("active->inactive", "inactive->active"), changes);
    }

    @Test
    void aMissBetweenSuccessesRestartsTheCount() {
        DestinationHealth h = health(HealthSettings.PROBING, 0, 0);
        for (int i = 0; i < 3; i++) {
            h.probeMissed("timeout");
        }
        h.probeAnswered(200, 1);
        h.probeMissed("timeout");
        h.probeAnswered(200, 1);
        assertEquals(HealthState.INACTIVE, h.state());
        h.probeAnswered(200, 1);
        assertEquals(HealthState.ACTIVE, h.state());
    }

    @Test
    void upCodesCountAsUpAndOtherErrorsDegrade() {
        DestinationHealth h = health(HealthSettings.PROBING, 0, 0);
        h.probeAnswered(404, 1);
        h.probeAnswered(405, 1);
        h.probeAnswered(501, 1);
        assertEquals(HealthState.ACTIVE, h.state());
        h.probeAnswered(503, 1);
        assertEquals(HealthState.DEGRADED, h.state());
        assertEquals(503, h.lastProbeCode());
        h.probeAnswered(200, 1);
        assertEquals(HealthState.DEGRADED, h.state());
        h.probeAnswered(200, 1);
        assertEquals(HealthState.ACTIVE, h.state());
    }

    @Test
    void operatorDisableWinsOverProbesUntilEnabled() {
        DestinationHealth h = health(HealthSettings.PROBING, 0, 0);
        h.disable();
        h.probeAnswered(200, 1);
        assertEquals(HealthState.DISABLED, h.state());
        h.enable();
        assertEquals(HealthState.ACTIVE, h.state());
    }

    @Test
    void drainingReportsDrainedWhenTheLastCallEnds() {
        DestinationHealth h = health(HealthSettings.PROBING, 0, 0);
        assertTrue(h.tryStartCall());
        h.drain();
        assertTrue(h.draining());
        assertFalse(h.drained());
        h.callEnded();
        assertTrue(h.drained());
        assertEquals(HealthState.DISABLED, h.state());
    }

    @Test
    void maxCallsAndMaxCpsRefuseTheCallOverTheLimit() {
        DestinationHealth calls = health(HealthSettings.OFF, 2, 0);
        assertTrue(calls.tryStartCall());
        assertTrue(calls.tryStartCall());
        assertFalse(calls.tryStartCall());
        calls.callEnded();
        assertTrue(calls.tryStartCall());

        DestinationHealth cps = health(HealthSettings.OFF, 0, 3);
        for (int i = 0; i < 3; i++) {
            assertTrue(cps.tryStartCall());
        }
        assertFalse(cps.tryStartCall(), "the fourth call in the same second");
        assertEquals(3, cps.callsInProgress(), "a refused call holds no slot");
        clock.advanceMillis(1_000);
        assertTrue(cps.tryStartCall(), "a new second, new tokens");
    }

    @Test
    void passiveHealthDegradesOnTheErrorRatioAndRecovers() {
        HealthSettings passive = new HealthSettings(false, 10_000, 2_000, 3, 2, HealthSettings.DEFAULT_UP_CODES, 50, 4);
        DestinationHealth h = health(passive, 0, 0);
        h.callOutcome(true, false);
        h.callOutcome(true, false);
        h.callOutcome(true, false);
        assertEquals(HealthState.ACTIVE, h.state(), "too few calls to judge");
        h.callOutcome(false, false);
        assertEquals(HealthState.DEGRADED, h.state(), "3 of 4 failed");
        clock.advanceMillis(31_000);
        h.callOutcome(false, false);
        h.callOutcome(false, false);
        h.callOutcome(false, false);
        h.callOutcome(false, false);
        assertEquals(HealthState.ACTIVE, h.state(), "the old failures left the 30 s window");
    }

    @Test
    void suspectOnlyWhereProbesCanClearIt() {
        DestinationHealth probed = health(HealthSettings.PROBING, 0, 0);
        probed.callOutcome(true, true);
        assertTrue(probed.suspect());
        probed.probeAnswered(200, 1);
        assertFalse(probed.suspect());
        DestinationHealth unprobed = health(HealthSettings.OFF, 0, 0);
        unprobed.callOutcome(true, true);
        assertFalse(unprobed.suspect());
    }

    @Test
    void reconcileKeepsStateOfDestinationsThatStillExist() {
        HealthRegistry reg = new HealthRegistry(clock, HealthListener.NONE);
        Destination a = new Destination("a", "sip:a", InetSocketAddress.createUnresolved("a", 5060), Transport.UDP, 1, 1);
        Destination b = new Destination("b", "sip:b", InetSocketAddress.createUnresolved("b", 5060), Transport.UDP, 2, 1);
        SetPolicy probing = new SetPolicy(FailoverMode.DEGRADED, null, HealthSettings.PROBING);
        reg.reconcile(List.of(new DestinationSet("s", Algorithm.PRIORITY, List.of(a, b), probing)));
        DestinationHealth ha = reg.get("s", "a");
        for (int i = 0; i < 3; i++) {
            ha.probeMissed("timeout");
        }
        Destination a2 = new Destination("a", "sip:a", InetSocketAddress.createUnresolved("a", 5060), Transport.UDP, 5, 1,
                10, 0, Optional.of("x"));
        Destination c = new Destination("c", "sip:c", InetSocketAddress.createUnresolved("c", 5060), Transport.UDP, 3, 1);
        List<DestinationHealth> removed = reg.reconcile(
                List.of(new DestinationSet("s", Algorithm.PRIORITY, List.of(a2, c), probing)));
        assertSame(ha, reg.get("s", "a"));
        assertEquals(HealthState.INACTIVE, reg.get("s", "a").state());
        assertEquals(10, reg.get("s", "a").destination().maxCalls(), "new limits apply");
        assertEquals(HealthState.ACTIVE, reg.get("s", "c").state());
        assertEquals(null, reg.get("s", "b"));
        assertEquals(List.of("b"), removed.stream().map(r -> r.destination().id()).toList());
        assertEquals(Set.of("a", "c"), Set.copyOf(reg.all().stream().map(r -> r.destination().id()).toList()));
    }

    @Test
    void aPeersSuspicionHoldsUntilThisNodesOwnGoodProbeAndIsNotItsOwn() {
        DestinationHealth h = health(HealthSettings.PROBING, 0, 0);
        assertTrue(h.markSuspectByPeer());
        assertTrue(h.suspect());
        assertFalse(h.suspectByOwnCalls(), "learnt from the peer: never shared back");
        assertEquals(HealthState.ACTIVE, h.state(), "the state stays this node's own observation");
        h.probeMissed("timeout");
        assertTrue(h.suspect(), "a miss confirms rather than clears");
        h.probeAnswered(200, 4);
        assertFalse(h.suspect());
        assertEquals(List.of(), changes);
    }

    @Test
    void aPeersSuspicionIsIgnoredWithoutProbesOrWhenAlreadyInactive() {
        DestinationHealth unprobed = health(HealthSettings.OFF, 0, 0);
        assertFalse(unprobed.markSuspectByPeer(), "nothing would ever clear it");
        assertFalse(unprobed.suspect());
        DestinationHealth down = health(HealthSettings.PROBING, 0, 0);
        for (int i = 0; i < 3; i++) {
            down.probeMissed("timeout");
        }
        assertFalse(down.markSuspectByPeer());
    }

    @Test
    void theObservedStateIgnoresTheOperatorAndALiveCallSuspicionIsAnnounced() {
        List<String> suspected = new ArrayList<>();
        Destination d = new Destination("a", "sip:a", InetSocketAddress.createUnresolved("a", 5060), Transport.UDP, 0, 1);
        DestinationHealth h = new DestinationHealth("carriers", d, HealthSettings.PROBING, clock,
                new HealthListener() {
                    @Override
                    public void changed(DestinationHealth x, HealthState from, HealthState to, String why) {
                    }

                    @Override
                    public void suspected(DestinationHealth x) {
                        suspected.add(x.destination().id());
                    }
                });
        OperatorAction.DISABLE.applyTo(h);
        h.probeAnswered(503, 3);
        assertEquals(HealthState.DISABLED, h.state());
        assertEquals(HealthState.DEGRADED, h.observedState());
        h.callOutcome(true, true);
        h.callOutcome(true, true);
        assertEquals(List.of("a"), suspected, "announced once, when the suspicion starts");
        assertTrue(h.suspectByOwnCalls());
        OperatorAction.ENABLE.applyTo(h);
        assertEquals(HealthState.DEGRADED, h.state());
    }
}
