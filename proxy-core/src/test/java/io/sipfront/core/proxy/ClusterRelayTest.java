package io.sipfront.core.proxy;

import static io.sipfront.core.testing.Sip.CARRIER_A;
import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.cluster.ClusterPeers;
import io.sipfront.core.cluster.ClusterSection;
import io.sipfront.core.cluster.ClusterSettings;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.Sip;
import io.sipfront.core.testing.TestConfigs;
import io.sipfront.net.Transport;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two nodes of an active-active cluster behind one front address (the loopback config's 127.0.0.1:5060): a request
 * or response of a transaction that the balancer hands to the node that did not forward it.
 */
class ClusterRelayTest {
    static final String NODE1_SIP = "127.0.0.101:5060";
    static final String NODE2_SIP = "127.0.0.102:5060";

    private final ProxyHarness node1 = node("node1", "node2", NODE2_SIP);
    private final ProxyHarness node2 = node("node2", "node1", NODE1_SIP);

    private static ProxyHarness node(String self, String peer, String peerSip) {
        String[] hp = peerSip.split(":");
        InetSocketAddress sip = new InetSocketAddress(TestConfigs.ip(hp[0]), Integer.parseInt(hp[1]));
        InetSocketAddress admin = new InetSocketAddress(TestConfigs.ip(hp[0]), 9060);
        return new ProxyHarness(TestConfigs.loopback().withSection(ClusterSection.SECTION,
                new ClusterSettings(self, List.of(new ClusterSettings.Peer(peer, sip, admin)), 100, 600, 32_000)));
    }

    private static SIPRequest inviteTo(ProxyHarness node, String callId) {
        node.receive(Sip.invite(callId), PLATFORM);
        return node.drain().stream().filter(o -> o.isRequest("INVITE")).findFirst().orElseThrow().request();
    }

    private static void peerOf(ProxyHarness node, boolean alive) {
        ClusterPeers.PeerState peer = node.context.identity().cluster().peers().get(0);
        peer.set(alive, 0);
    }

    @Test
    void theViaNamesTheFrontAddressAndTheNodeWhileTheBranchIsTheSameOnEveryNode() {
        SIPRequest viaNode1 = inviteTo(node1, "c1");
        SIPRequest viaNode2 = inviteTo(node2, "c1"); // the platform's retransmission, handed to the other node
        assertEquals("127.0.0.1", viaNode1.getTopmostVia().getHost());
        assertEquals(5060, viaNode1.getTopmostVia().getPort());
        assertEquals("node1", viaNode1.getTopmostVia().getParameter("sfnode"));
        assertEquals("node2", viaNode2.getTopmostVia().getParameter("sfnode"));
        assertEquals(viaNode1.getTopmostVia().getBranch(), viaNode2.getTopmostVia().getBranch(),
                "the carrier sees a retransmission, not a second call");
        assertTrue(viaNode1.getRecordRouteHeaders().encode().contains("<sip:127.0.0.1:5060;lr>"),
                viaNode1.getRecordRouteHeaders().encode());
    }

    @Test
    void aResponseForALivePeersTransactionIsRelayedToItByteForByteAndTheOwnerAnswersTheCaller() {
        SIPRequest toA = inviteTo(node1, "c2");
        String ringing = Sip.respond(toA, 180, "Ringing", "a", CARRIER_A);
        node2.receive(ringing, CARRIER_A);
        List<Out> relayed = node2.drain();
        assertEquals(1, relayed.size(), relayed.toString());
        assertEquals(NODE1_SIP, relayed.get(0).to());
        assertEquals(Transport.UDP, relayed.get(0).sent().target().transport());
        assertArrayEquals(ringing.getBytes(java.nio.charset.StandardCharsets.UTF_8), relayed.get(0).sent().bytes());
        assertEquals(1, node2.context.stats().responsesRelayedToPeer.sum());

        node1.receiveBytes(relayed.get(0).sent().bytes(), NODE2_SIP, Transport.UDP, null);
        List<Out> upstream = node1.drain();
        assertEquals(1, upstream.size(), upstream.toString());
        assertEquals(180, upstream.get(0).status());
        assertEquals(PLATFORM, upstream.get(0).to());
    }

    @Test
    void aResponseForADeadPeersTransactionGoesOnStatelesslyByVia() {
        SIPRequest toA = inviteTo(node1, "c3");
        peerOf(node2, false); // node1 was killed while the call rang
        node2.receive(Sip.respond(toA, 200, "OK", "a", CARRIER_A), CARRIER_A);
        List<Out> out = node2.drain();
        assertEquals(1, out.size(), out.toString());
        assertEquals(200, out.get(0).status());
        assertEquals(PLATFORM, out.get(0).to());
        assertEquals(1, out.get(0).response().getViaHeaders().size(), "our Via removed");
        assertEquals(0, node2.context.stats().responsesRelayedToPeer.sum());
    }

    @Test
    void aRelayedResponseTheOwnerNoLongerKnowsGoesOnByViaAndIsNeverRelayedBack() {
        SIPRequest toA = inviteTo(node1, "c4");
        ProxyHarness restarted = node("node1", "node2", NODE2_SIP);
        restarted.receive(Sip.respond(toA, 200, "OK", "a", CARRIER_A), NODE2_SIP);
        List<Out> out = restarted.drain();
        assertEquals(1, out.size(), out.toString());
        assertEquals(PLATFORM, out.get(0).to());
    }

    @Test
    void aCancelOnTheOtherNodeReachesTheCarrierWithTheInvitesBranchAndThe487GoesBackToTheOwner() {
        SIPRequest toA = inviteTo(node1, "c5");
        node1.receive(Sip.respond(toA, 180, "Ringing", "a", CARRIER_A), CARRIER_A);
        node1.drain();
        node2.receive("CANCEL sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-c5;rport\r\n"
                + "From: \"Caller\" <sip:+442071234567@127.0.0.10:5060>;tag=from-c5\r\n"
                + "To: <sip:15551234567@127.0.0.1>\r\nCall-ID: c5\r\nCSeq: 1 CANCEL\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n", PLATFORM);
        List<Out> cancelled = node2.drain();
        assertEquals(200, cancelled.get(0).status());
        SIPRequest cancel = cancelled.stream().filter(o -> o.isRequest("CANCEL") && o.to().equals(CARRIER_A))
                .findFirst().orElseThrow(() -> new AssertionError(cancelled.toString())).request();
        assertEquals(toA.getTopmostVia().getBranch(), cancel.getTopmostVia().getBranch());
        assertEquals("node2", cancel.getTopmostVia().getParameter("sfnode"));

        // The carrier's 487 names node1's Via: node2 relays it; node1 answers the caller from its transaction.
        node2.receive(Sip.respond(toA, 487, "Request Terminated", "a", null), CARRIER_A);
        List<Out> relayed = node2.drain();
        assertEquals(NODE1_SIP, relayed.get(0).to());
        node1.receiveBytes(relayed.get(0).sent().bytes(), NODE2_SIP, Transport.UDP, null);
        List<Out> upstream = node1.drain();
        assertTrue(upstream.stream().anyMatch(o -> o.status() == 487 && o.to().equals(PLATFORM)), upstream.toString());
        assertTrue(upstream.stream().anyMatch(o -> o.isRequest("ACK") && o.to().equals(CARRIER_A)),
                "node1's client transaction ACKs the 487: " + upstream);
    }

    @Test
    void theAckOfANon2xxOnTheOtherNodeReachesTheCarrierWithTheInvitesBranch() {
        SIPRequest toA = inviteTo(node1, "c6");
        peerOf(node2, false);
        node2.receive(Sip.respond(toA, 486, "Busy Here", "a", null), CARRIER_A);
        assertEquals(486, node2.drain().get(0).status());
        node2.receive("ACK sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-c6;rport\r\n"
                + "From: \"Caller\" <sip:+442071234567@127.0.0.10:5060>;tag=from-c6\r\n"
                + "To: <sip:15551234567@127.0.0.1>;tag=a\r\nCall-ID: c6\r\nCSeq: 1 ACK\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n", PLATFORM);
        List<Out> acks = node2.drain();
        Out ack = acks.stream().filter(o -> o.isRequest("ACK") && o.to().equals(CARRIER_A)).findFirst()
                .orElseThrow(() -> new AssertionError("no ACK to carrier-a: " + acks));
        assertEquals(toA.getTopmostVia().getBranch(), ack.request().getTopmostVia().getBranch());
    }
}
