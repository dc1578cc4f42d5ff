package io.sipfront.ha;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sipfront.ha.config.HaSettings;
import io.sipfront.time.Clock;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import java.util.function.IntConsumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Two real nodes over UDP on loopback (run in a private network namespace). The dead interval is set far above the
 * waits, so only the crash signals under test can explain a takeover.
 */
class HeartbeatLoopbackTest {
    static final long LONG_DEAD_MS = 60_000;
    static final byte[] KEY = "loopback-test-shared-key".getBytes(StandardCharsets.UTF_8);
    static final CommandRunner NO_COMMANDS = new CommandRunner() {
        @Override
        public int run(List<String> argv, long timeoutMs) {
            return 0;
        }

        @Override
        public void start(List<String> argv, IntConsumer onExit) {
            onExit.accept(0);
        }
    };

    HaNode node1;
    HaNode node2;

    @AfterEach
    void stop() {
        for (HaNode n : new HaNode[] {node1, node2}) {
            if (n != null) {
                n.close();
            }
        }
    }

    static HaSettings settings(String id, int priority, InetSocketAddress bind, InetSocketAddress peer,
                               long deadMs) throws Exception {
        return new HaSettings(id, priority, bind, peer, KEY, 100, deadMs, true, 0,
                new HaSettings.Vip(InetAddress.getByName("127.0.0.100"), 32, "lo", 1), List.of(), false, false,
                Optional.empty(), Optional.empty());
    }

    static InetSocketAddress freePort() throws Exception {
        try (DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            return new InetSocketAddress("127.0.0.1", s.getLocalPort());
        }
    }

    static HaNode start(HaSettings s) {
        HaNode node = new HaNode(s, new SimpleMeterRegistry(), Clock.SYSTEM, NO_COMMANDS, MasterLease.NONE,
                () -> true);
        node.startNode();
        return node;
    }

    static void awaitState(HaNode node, HaState state, long ms) throws InterruptedException {
        long deadline = System.nanoTime() + ms * 1_000_000;
        while (node.state() != state && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(state, node.state());
    }

    @Test
    void theBackupTakesOverOnTheDeadPeersPortUnreachableLongBeforeTheDeadInterval() throws Exception {
        InetSocketAddress a = freePort();
        InetSocketAddress b = freePort();
        node1 = start(settings("node1", 200, a, b, 300));
        node2 = start(settings("node2", 100, b, a, LONG_DEAD_MS));
        awaitState(node1, HaState.MASTER, 5000);
        Thread.sleep(300);
        assertEquals(HaState.BACKUP, node2.state());
        assertEquals("master", node2.status().peer().role());

        // A crash: the socket goes away without a word, as when the process is killed.
        node1.heartbeatForTest().close();
        awaitState(node2, HaState.MASTER, 2000);
        HaStatus status = node2.status();
        assertTrue(status.transitions().get(status.transitions().size() - 1).reason().contains("unreachable"),
                status.toString());
        node1 = null;
    }

    @Test
    void aCleanStopHandsTheVipOverAtOnce() throws Exception {
        InetSocketAddress a = freePort();
        InetSocketAddress b = freePort();
        node1 = start(settings("node1", 200, a, b, 300));
        node2 = start(settings("node2", 100, b, a, LONG_DEAD_MS));
        awaitState(node1, HaState.MASTER, 5000);
        Thread.sleep(300);
        node1.close();
        node1 = null;
        awaitState(node2, HaState.MASTER, 1000);
        HaStatus status = node2.status();
        assertTrue(status.transitions().get(status.transitions().size() - 1).reason().contains("gave the VIP away"),
                status.toString());
    }

    @Test
    void aStoppingMasterKeepsTheVipUntilThePeerHasTakenOverAndTheDrainHasPassed() throws Exception {
        InetSocketAddress a = freePort();
        InetSocketAddress b = freePort();
        long[] deletedAt = {0};
        HaState[] peerStateAtDelete = {null};
        boolean[] closing = {false};
        CommandRunner recording = new CommandRunner() {
            @Override
            public int run(List<String> argv, long timeoutMs) {
                if (closing[0] && argv.contains("del")) {
                    deletedAt[0] = System.nanoTime();
                    peerStateAtDelete[0] = node2.state();
                }
                return 0;
            }

            @Override
            public void start(List<String> argv, IntConsumer onExit) {
                onExit.accept(0);
            }
        };
        node1 = new HaNode(settings("node1", 200, a, b, 300), new SimpleMeterRegistry(), Clock.SYSTEM, recording,
                MasterLease.NONE, () -> true);
        node1.startNode();
        node2 = start(settings("node2", 100, b, a, LONG_DEAD_MS));
        awaitState(node1, HaState.MASTER, 5000);
        Thread.sleep(300);
        closing[0] = true;
        long closeStarted = System.nanoTime();
        node1.close();
        node1 = null;
        assertEquals(HaState.MASTER, peerStateAtDelete[0], "the peer holds the VIP before we remove ours");
        assertTrue(deletedAt[0] - closeStarted >= HaNode.HANDOVER_DRAIN_MS * 1_000_000,
                "removed after " + (deletedAt[0] - closeStarted) / 1_000_000 + " ms");
    }

    @Test
    void advertsWithAnotherKeyAreDroppedAndCounted() throws Exception {
        InetSocketAddress a = freePort();
        InetSocketAddress b = freePort();
        HaSettings wrongKey = new HaSettings("node1", 200, a, b, "some-other-key-16bytes".getBytes(
                StandardCharsets.UTF_8), 100, 300, true, 0, settings("x", 1, a, b, 300).vip(), List.of(), false,
                false, Optional.empty(), Optional.empty());
        node1 = start(wrongKey);
        node2 = start(settings("node2", 100, b, a, LONG_DEAD_MS));
        Thread.sleep(500);
        HaStatus status = node2.status();
        assertTrue(status.advertsRejected() >= 3, status.toString());
        assertEquals(null, status.peer().nodeId(), "a forged advert never counts as the peer");
    }
}
