package io.sipfront.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class HaStateMachineTest {
    static final long DEAD = 340;

    final List<String> events = new ArrayList<>();
    final HaStateMachine.Effects effects = new HaStateMachine.Effects() {
        @Override
        public void transition(HaState from, HaState to, String reason) {
            events.add(from + "->" + to);
        }

        @Override
        public void reannounce() {
            events.add("garp");
        }

        @Override
        public void advertNow() {
        }
    };
    long seq;

    HaStateMachine node(String id, int priority, boolean preempt, long preemptDelay) {
        HaStateMachine m = new HaStateMachine(id, priority, DEAD, preempt, preemptDelay, MasterLease.NONE, effects);
        m.start(0);
        return m;
    }

    Advert peer(String id, int priority, HaState state) {
        return new Advert(id, priority, state, 1, ++seq);
    }

    @Test
    void backupTakesOverWhenThePeersAdvertsStopForTheDeadInterval() {
        HaStateMachine m = node("node2", 100, true, 0);
        m.onPeerAdvert(peer("node1", 200, HaState.MASTER), 0);
        m.onTick(DEAD - 1);
        assertEquals(HaState.BACKUP, m.state());
        m.onTick(DEAD);
        assertEquals(HaState.MASTER, m.state());
        assertEquals(List.of("BACKUP->MASTER"), events);
    }

    @Test
    void twoPortUnreachablesInARowProveTheMasterDeadBeforeTheTimeout() {
        HaStateMachine m = node("node2", 100, true, 0);
        m.onPeerAdvert(peer("node1", 200, HaState.MASTER), 0);
        m.onPeerUnreachable(50);
        assertEquals(HaState.BACKUP, m.state(), "one ICMP error alone could be stale");
        m.onPeerUnreachable(51);
        assertEquals(HaState.MASTER, m.state());
    }

    @Test
    void anAdvertBetweenTwoPortUnreachablesResetsTheCount() {
        HaStateMachine m = node("node2", 100, true, 0);
        m.onPeerAdvert(peer("node1", 200, HaState.MASTER), 0);
        m.onPeerUnreachable(50);
        m.onPeerAdvert(peer("node1", 200, HaState.MASTER), 100);
        m.onPeerUnreachable(150);
        assertEquals(HaState.BACKUP, m.state());
    }

    @Test
    void aLateMasterAdvertMakesTheBackupProbeOnlyWhileItIsLate() {
        HaStateMachine m = node("node2", 100, true, 0);
        m.onPeerAdvert(peer("node1", 200, HaState.MASTER), 1000);
        assertEquals(false, m.masterOverdue(1125, 125));
        assertEquals(true, m.masterOverdue(1126, 125));
        m.onPeerAdvert(peer("node1", 200, HaState.MASTER), 1130);
        assertEquals(false, m.masterOverdue(1131, 125));
        m.onPeerAdvert(peer("node1", 200, HaState.BACKUP), 1200);
        assertEquals(false, m.masterOverdue(5000, 125), "only a master's silence is suspicious");
    }

    @Test
    void priorityZeroFromTheMasterIsTakenAtOnce() {
        HaStateMachine m = node("node2", 100, true, 0);
        m.onPeerAdvert(peer("node1", 200, HaState.MASTER), 0);
        m.onPeerAdvert(peer("node1", 0, HaState.BACKUP), 10);
        assertEquals(HaState.MASTER, m.state());
    }

    @Test
    void withPreemptDelayAHigherPriorityBackupWaitsThenTakesTheVipOnce() {
        HaStateMachine m = node("node1", 200, true, 2000);
        for (long t = 0; t < 2000; t += 100) {
            m.onPeerAdvert(peer("node2", 100, HaState.MASTER), t);
            m.onTick(t);
        }
        assertEquals(HaState.BACKUP, m.state());
        m.onPeerAdvert(peer("node2", 100, HaState.MASTER), 2000);
        assertEquals(HaState.MASTER, m.state());
        assertEquals(List.of("BACKUP->MASTER"), events);
    }

    @Test
    void nopreemptLeavesTheVipWithALowerPriorityMaster() {
        HaStateMachine m = node("node1", 200, false, 0);
        for (long t = 0; t < 5000; t += 100) {
            m.onPeerAdvert(peer("node2", 100, HaState.MASTER), t);
            m.onTick(t);
        }
        assertEquals(HaState.BACKUP, m.state());
    }

    @Test
    void afterSplitBrainTheHigherPriorityKeepsTheVipAndAnnouncesItAgain() {
        HaStateMachine winner = node("node1", 200, false, 0);
        winner.onTick(DEAD);
        assertEquals(HaState.MASTER, winner.state());
        events.clear();
        winner.onPeerAdvert(peer("node2", 100, HaState.MASTER), DEAD + 10);
        assertEquals(HaState.MASTER, winner.state());
        assertEquals(List.of("garp"), events);

        HaStateMachine loser = node("node2", 100, false, 0);
        loser.onTick(DEAD);
        loser.onPeerAdvert(peer("node1", 200, HaState.MASTER), DEAD + 10);
        assertEquals(HaState.BACKUP, loser.state());
    }

    @Test
    void aMasterAnnouncesAgainWhenAPeerSilentForADeadIntervalComesBackAsBackup() {
        // Split brain healed, and the loser heard our advert first: it stepped down before we saw it as master.
        HaStateMachine winner = node("node1", 200, false, 0);
        winner.onPeerAdvert(peer("node2", 100, HaState.BACKUP), 0);
        winner.onTick(DEAD);
        assertEquals(HaState.MASTER, winner.state(), "both backup, we outrank");
        winner.onPeerAdvert(peer("node2", 100, HaState.BACKUP), DEAD + 100);
        events.clear();
        winner.onPeerAdvert(peer("node2", 100, HaState.BACKUP), DEAD + 200);
        assertEquals(List.of(), events, "a peer heard all along is no reason to announce");
        winner.onPeerAdvert(peer("node2", 100, HaState.BACKUP), DEAD + 200 + DEAD + 1);
        assertEquals(List.of("garp"), events);
        assertEquals(HaState.MASTER, winner.state());
    }

    @Test
    void equalPrioritiesAreDecidedByTheHigherNodeId() {
        HaStateMachine b = node("b", 100, false, 0);
        b.onTick(DEAD);
        b.onPeerAdvert(peer("a", 100, HaState.MASTER), DEAD + 1);
        assertEquals(HaState.MASTER, b.state());
        HaStateMachine a = node("a", 100, false, 0);
        a.onTick(DEAD);
        a.onPeerAdvert(peer("b", 100, HaState.MASTER), DEAD + 1);
        assertEquals(HaState.BACKUP, a.state());
    }

    @Test
    void anUnhealthyNodeGoesToFaultGivesUpTheVipAndAdvertisesPriorityZero() {
        HaStateMachine m = node("node1", 200, true, 0);
        m.onTick(DEAD);
        m.onHealth(false, "SIP listener is down", DEAD + 1);
        assertEquals(HaState.FAULT, m.state());
        assertEquals(0, m.advertisedPriority());
        m.onTick(DEAD * 10);
        assertEquals(HaState.FAULT, m.state(), "a node in fault never takes the VIP");
        m.onHealth(true, "", DEAD * 10);
        assertEquals(HaState.BACKUP, m.state());
        assertEquals(List.of("BACKUP->MASTER", "MASTER->FAULT", "FAULT->BACKUP"), events);
    }

    @Test
    void aStoppingMasterStepsDownAndNeverRetakesTheVip() {
        HaStateMachine m = node("node1", 200, true, 0);
        m.onTick(DEAD);
        m.stop(DEAD + 1);
        assertEquals(HaState.BACKUP, m.state());
        assertEquals(0, m.advertisedPriority());
        m.onTick(DEAD * 10);
        m.onPeerUnreachable(DEAD * 10);
        m.onPeerUnreachable(DEAD * 10);
        assertEquals(HaState.BACKUP, m.state());
    }

    @Test
    void aLeaseThatIsNotHeldKeepsTheNodeBackup() {
        boolean[] released = {false};
        MasterLease refused = new MasterLease() {
            @Override
            public boolean mayBeMaster() {
                return false;
            }

            @Override
            public void released() {
                released[0] = true;
            }
        };
        HaStateMachine m = new HaStateMachine("node1", 200, DEAD, true, 0, refused, effects);
        m.start(0);
        m.onTick(DEAD * 2);
        assertEquals(HaState.BACKUP, m.state());
        assertTrue(events.isEmpty());
    }
}
