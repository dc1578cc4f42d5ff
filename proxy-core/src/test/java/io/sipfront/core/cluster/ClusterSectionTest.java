package io.sipfront.core.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.ConfigSections;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.testing.MinimalConfig;
import java.net.InetSocketAddress;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The {@code cluster} section as operators write it, and the mistakes it refuses with their position. */
class ClusterSectionTest {
    static final String BASE = MinimalConfig.SIP + MinimalConfig.REST;

    private static ClusterSettings read(String section) throws ConfigException {
        SipfrontConfig c = ConfigLoader.parse(BASE + section, "t.yaml", null, ConfigSections.of(ClusterSection.SECTION));
        return c.section(ClusterSection.SECTION);
    }

    @Test
    void leftOutIsASingleNode() throws Exception {
        assertFalse(read("").enabled());
    }

    @Test
    void readsTheNodeItsPeersAndTheDrainTimes() throws Exception {
        ClusterSettings s = read("cluster:\n  node_id: node1\n  peers:\n"
                + "    - {id: node2, sip: 10.78.2.12:5060, admin: 10.78.2.12:9060}\n  drain_min_ms: 500\n");
        assertTrue(s.enabled());
        assertEquals("node1", s.nodeId());
        assertEquals(List.of(new ClusterSettings.Peer("node2", new InetSocketAddress("10.78.2.12", 5060),
                new InetSocketAddress("10.78.2.12", 9060))), s.peers());
        assertEquals(100, s.peerCheckMs());
        assertEquals(500, s.drainMinMs());
        assertEquals(32_000, s.drainMaxMs());
    }

    @Test
    void refusesAPeerWithTheNodesOwnIdAtItsLine() {
        ConfigException e = assertThrows(ConfigException.class, () -> read("cluster:\n  node_id: node1\n  peers:\n"
                + "    - {id: node1, sip: 10.78.2.12:5060, admin: 10.78.2.12:9060}\n"));
        assertTrue(e.getMessage().startsWith("t.yaml:25:"), e.getMessage());
        assertTrue(e.getMessage().contains("'node1' is used twice"), e.getMessage());
    }

    @Test
    void refusesANodeIdThatCannotBeAViaParameterAndAPeerAddressThatIsNoIp() {
        ConfigException id = assertThrows(ConfigException.class, () -> read("cluster:\n  node_id: \"node 1\"\n"));
        assertTrue(id.getMessage().contains("may hold only letters"), id.getMessage());
        ConfigException host = assertThrows(ConfigException.class, () -> read("cluster:\n  node_id: n1\n  peers:\n"
                + "    - {id: n2, sip: node2.example.net:5060, admin: 10.78.2.12:9060}\n"));
        assertTrue(host.getMessage().startsWith("t.yaml:25:"), host.getMessage());
    }

    @Test
    void refusesADrainMaximumBelowTheMinimum() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> read("cluster:\n  node_id: n1\n  drain_min_ms: 900\n  drain_max_ms: 800\n"));
        assertTrue(e.getMessage().contains("drain_max_ms (800) is below drain_min_ms (900)"), e.getMessage());
    }
}
