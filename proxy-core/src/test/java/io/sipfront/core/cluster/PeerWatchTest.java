package io.sipfront.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.time.FakeClock;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When a peer's responses are relayed to it, and when they go on by Via instead. */
class PeerWatchTest {
    private final FakeClock clock = new FakeClock();
    private final InetSocketAddress sip = new InetSocketAddress("10.78.2.12", 5060);
    private final ClusterPeers peers = new ClusterPeers(new ClusterSettings("node1",
            List.of(new ClusterSettings.Peer("node2", sip, new InetSocketAddress("10.78.2.12", 9060))), 100, 0, 0));
    private final ClusterPeers.PeerState node2 = peers.peers().get(0);

    @Test
    void aPeerIsAliveFromTheStartAndItsResponsesAreRelayedToItsOwnAddress() {
        assertEquals(sip, peers.relayTarget("node2"));
        assertNull(peers.relayTarget("node9"), "an unknown node: by Via");
        assertNull(peers.relayTarget(null));
    }

    @Test
    void aRefusedConnectionIsConclusiveAtOnceAndAnAnswerBringsThePeerBack() {
        try (PeerWatch w = PeerWatch.manual(peers, clock)) {
            w.record(0, node2, PeerWatch.Outcome.REFUSED);
            assertFalse(node2.alive());
            assertNull(peers.relayTarget("node2"));
            clock.advanceMillis(100);
            w.record(0, node2, PeerWatch.Outcome.ANSWERED);
            assertTrue(node2.alive());
            assertEquals(clock.currentTimeMillis(), node2.changedAtMillis());
        }
    }

    @Test
    void aSilentPeerStaysAliveUntilThreeChecksInARowGoUnanswered() {
        try (PeerWatch w = PeerWatch.manual(peers, clock)) {
            w.record(0, node2, PeerWatch.Outcome.SILENT);
            w.record(0, node2, PeerWatch.Outcome.SILENT);
            w.record(0, node2, PeerWatch.Outcome.ANSWERED); // one late answer under load resets the count
            w.record(0, node2, PeerWatch.Outcome.SILENT);
            w.record(0, node2, PeerWatch.Outcome.SILENT);
            assertTrue(node2.alive());
            w.record(0, node2, PeerWatch.Outcome.SILENT);
            assertFalse(node2.alive());
        }
    }
}
