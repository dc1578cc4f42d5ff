package io.sipfront.core.registration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.cluster.ClusterPeers;
import io.sipfront.core.cluster.ClusterSettings;
import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.core.testing.TestConfigs;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The REGISTER's Via: in a cluster it names the node, so the registrar's answer finds the registering node. */
class RegisterMessageTest {
    private static SIPRequest parse(byte[] bytes) throws Exception {
        return (SIPRequest) new gov.nist.javax.sip.parser.StringMsgParser().parseSIPMessage(bytes, true, false, null);
    }

    private static byte[] register(LocalIdentity identity) {
        return RegisterMessage.build(RegistrantTest.ACCOUNT.registration().orElseThrow(), identity, "z9hG4bKsfr1",
                "c1@sipfront", "t1", 7, 300, null);
    }

    @Test
    void aClusterNodesRegisterNamesTheNodeInItsVia() throws Exception {
        ClusterPeers peers = new ClusterPeers(new ClusterSettings("node2", List.of(new ClusterSettings.Peer("node1",
                new InetSocketAddress("10.78.2.11", 5060), new InetSocketAddress("10.78.2.11", 9060))), 100, 0, 0));
        SIPRequest req = parse(register(new LocalIdentity(TestConfigs.loopback().sip(), peers)));
        assertEquals("node2", LocalIdentity.nodeOf(req.getTopmostVia()));
        assertEquals("z9hG4bKsfr1", req.getTopmostVia().getBranch());
        assertEquals(7, req.getCSeq().getSeqNumber());
    }

    @Test
    void aSingleNodesRegisterNamesNoNode() throws Exception {
        SIPRequest req = parse(register(new LocalIdentity(TestConfigs.loopback().sip())));
        assertNull(LocalIdentity.nodeOf(req.getTopmostVia()));
    }
}
