package io.sipfront.core.cluster;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigMap;
import io.sipfront.config.ConfigNode;
import io.sipfront.config.ConfigSection;
import io.sipfront.config.HostPort;
import io.sipfront.config.InvalidValueException;
import io.sipfront.config.IpLiterals;
import io.sipfront.config.Ports;
import io.sipfront.config.SectionContext;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The optional {@code cluster} section (active-active mode, docs/ha.md). Left out, {@link ClusterSettings#NONE}.
 *
 * <pre>
 * cluster:
 *   node_id: node1
 *   peers:
 *     - {id: node2, sip: 10.78.2.12:5060, admin: 10.78.2.12:9060}
 *   peer_check_ms: 100
 *   drain_min_ms: 600
 *   drain_max_ms: 32000
 * </pre>
 */
public final class ClusterSection {
    public static final String KEY = "cluster";
    public static final ConfigSection<ClusterSettings> SECTION =
            ConfigSection.of(KEY, context -> ClusterSettings.NONE, ClusterSection::read);
    static final List<String> KEYS = List.of("node_id", "peers", "peer_check_ms", "drain_min_ms", "drain_max_ms");
    static final List<String> PEER_KEYS = List.of("id", "sip", "admin");
    static final String ADDRESS_FORM = "an IP address and port, e.g. 10.78.2.12:5060 or [fd00::12]:5060";

    private ClusterSection() {
    }

    static ClusterSettings read(ConfigNode section, SectionContext context) throws ConfigException {
        ConfigMap c = section.asMap(KEYS);
        String nodeId = c.required("node_id").parse(ClusterSection::nodeId, "a node id");
        List<ClusterSettings.Peer> peers = new ArrayList<>();
        Set<String> ids = new HashSet<>(Set.of(nodeId));
        if (c.has("peers")) {
            for (ConfigNode node : c.required("peers").asList()) {
                ConfigMap p = node.asMap(PEER_KEYS);
                ConfigNode idNode = p.required("id");
                String id = idNode.parse(ClusterSection::nodeId, "a node id");
                if (!ids.add(id)) {
                    throw idNode.error("node id '" + id + "' is used twice (node_id and peers must differ)");
                }
                peers.add(new ClusterSettings.Peer(id,
                        p.required("sip").parse(ClusterSection::ipPort, ADDRESS_FORM),
                        p.required("admin").parse(ClusterSection::ipPort, ADDRESS_FORM)));
            }
        }
        int check = c.optionalInt("peer_check_ms", 100, 20, 10_000);
        int drainMin = c.optionalInt("drain_min_ms", 600, 0, 60_000);
        int drainMax = c.optionalInt("drain_max_ms", 32_000, 0, 600_000);
        if (drainMax < drainMin) {
            throw c.blame("drain_max_ms").error("drain_max_ms (" + drainMax + ") is below drain_min_ms ("
                    + drainMin + ")");
        }
        return new ClusterSettings(nodeId, peers, check, drainMin, drainMax);
    }

    static String nodeId(String text) throws InvalidValueException {
        if (!ClusterSettings.NODE_ID.matcher(text).matches()) {
            throw new InvalidValueException("'" + text + "' may hold only letters, digits, '.', '_' and '-' "
                    + "(1 to 32 characters)");
        }
        return text;
    }

    static InetSocketAddress ipPort(String text) throws InvalidValueException {
        HostPort hp = HostPort.split(text);
        if (hp.port() == null || hp.isUnbracketedIpv6()) {
            throw new InvalidValueException("'" + text + "' is not " + ADDRESS_FORM);
        }
        return new InetSocketAddress(IpLiterals.parse(hp.host()), Ports.parse(hp.port()));
    }
}
