package io.sipfront.core.sip;

import gov.nist.javax.sip.address.AddressImpl;
import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.RecordRoute;
import io.sipfront.config.ListenAddress;
import io.sipfront.config.SipSettings;
import io.sipfront.core.cluster.ClusterPeers;
import io.sipfront.net.IpLiteral;
import io.sipfront.net.Transport;
import java.text.ParseException;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The addresses that mean "this proxy": the advertised host and port (written into Via and Record-Route; the VIP in
 * a two-node deployment) and every concrete listen address. Used to pop our own Route entries, to recognise
 * responses to our Via, to spot loops, and to answer OPTIONS addressed to us.
 *
 * <p>In active-active mode (a {@code cluster} section) the advertised address is the front address every node shares,
 * and each node's Via also names the node ({@value #NODE_PARAM} parameter): the branch cannot, because every node
 * derives the same branch for the same INVITE (a retransmission forwarded by another node must reach the callee as a
 * retransmission), yet a response handed to another node by the balancer must find its way back to the sender.
 */
public final class LocalIdentity {
    /** The TLS port when nothing else says: RFC 3261 §19.1.2. */
    public static final int DEFAULT_TLS_PORT = 5061;

    private final String advertisedHost;
    private final int advertisedPort;
    private final String tlsHost;
    private final int tlsPort;
    private final Set<String> hostPorts = new HashSet<>();
    private final Set<String> hosts = new HashSet<>();
    private final ClusterPeers cluster;

    /** The Via parameter naming the node of a cluster that sent a request. */
    public static final String NODE_PARAM = "sfnode";

    public LocalIdentity(SipSettings sip) {
        this(sip, null, 0, ClusterPeers.NONE);
    }

    /** A node of a cluster, its TLS side on the advertised host. */
    public LocalIdentity(SipSettings sip, ClusterPeers cluster) {
        this(sip, null, 0, cluster);
    }

    /**
     * @param tlsHost the host of our TLS side (a name our certificate carries), or null for the advertised host
     * @param tlsPort the port of our TLS side, or 0 for the first {@code tls:} listener's (else 5061)
     * @param cluster this node's id and its peers in active-active mode, or {@link ClusterPeers#NONE}
     */
    public LocalIdentity(SipSettings sip, String tlsHost, int tlsPort, ClusterPeers cluster) {
        this.cluster = cluster;
        this.advertisedHost = sip.advertisedHost();
        this.advertisedPort = sip.advertisedPort();
        this.tlsHost = tlsHost != null ? tlsHost : advertisedHost;
        this.tlsPort = tlsPort > 0 ? tlsPort : sip.listen().stream().filter(l -> l.transport() == Transport.TLS)
                .mapToInt(ListenAddress::port).findFirst().orElse(DEFAULT_TLS_PORT);
        add(advertisedHost, advertisedPort);
        add(this.tlsHost, this.tlsPort);
        for (ListenAddress l : sip.listen()) {
            if (!l.address().isAnyLocalAddress()) {
                add(l.address().getHostAddress(), l.port());
            }
        }
    }

    private void add(String host, int port) {
        String h = normalize(host);
        hosts.add(h);
        hostPorts.add(h + ':' + port);
    }

    private static String normalize(String host) {
        String h = host.toLowerCase(Locale.ROOT);
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        if (h.indexOf(':') >= 0) {
            // IPv6 has many spellings (::1, 0:0:0:0:0:0:0:1): compare one canonical form. A literal: no DNS.
            java.net.InetAddress a = IpLiteral.parse(h);
            if (a != null) {
                return a.getHostAddress();
            }
        }
        return h;
    }

    public String advertisedHost() {
        return advertisedHost;
    }

    public int advertisedPort() {
        return advertisedPort;
    }

    /** This node's place in a cluster ({@link ClusterPeers#NONE} on its own). */
    public ClusterPeers cluster() {
        return cluster;
    }

    /** The cluster node that sent the request of {@code via} (one of ours), or null when it names none. */
    public static String nodeOf(gov.nist.javax.sip.header.Via via) {
        return via.getParameter(NODE_PARAM);
    }

    /** Whether host:port (port &lt;= 0 meaning the default 5060) is one of ours. */
    public boolean isLocal(String host, int port) {
        if (host == null) {
            return false;
        }
        return hostPorts.contains(normalize(host) + ':' + (port > 0 ? port : 5060));
    }

    /** Whether {@code uri} points at us. */
    public boolean isLocal(SipUri uri) {
        return isLocal(uri.getHost(), uri.getPort());
    }

    /** Our Via for a request leaving over {@code transport} with {@code branch}. */
    public gov.nist.javax.sip.header.Via via(Transport transport, String branch) throws ParseException {
        gov.nist.javax.sip.header.Via via = new gov.nist.javax.sip.header.Via();
        via.setHost(host(transport));
        try {
            via.setPort(port(transport));
        } catch (javax.sip.InvalidArgumentException e) {
            throw new IllegalStateException("advertised port out of range: " + port(transport), e);
        }
        via.setTransport(transport.viaName());
        via.setBranch(branch);
        if (cluster.self() != null) {
            via.setParameter(NODE_PARAM, cluster.self());
        }
        return via;
    }

    /** The host peers reach us at over {@code transport}: the TLS side may have a name of its own. */
    public String host(Transport transport) {
        return transport == Transport.TLS ? tlsHost : advertisedHost;
    }

    public int port(Transport transport) {
        return transport == Transport.TLS ? tlsPort : advertisedPort;
    }

    /** A Record-Route entry that brings in-dialog requests back to us over {@code transport}. */
    public RecordRoute recordRoute(Transport transport) {
        return recordRoute(transport, false);
    }

    /**
     * A Record-Route entry that brings in-dialog requests back to us over {@code transport}; with {@code sips} a
     * {@code sips:} URI (RFC 5630 §4.1: a sips request is record-routed with a sips URI), always over TLS.
     */
    public RecordRoute recordRoute(Transport transport, boolean sips) {
        try {
            SipUri uri = new SipUri();
            if (sips) {
                uri.setScheme("sips");
            }
            uri.setHost(host(transport));
            uri.setPort(port(transport));
            if (transport != Transport.UDP && !sips) {
                uri.setTransportParam(transport.paramName());
            }
            uri.setLrParam();
            AddressImpl address = new AddressImpl();
            address.setURI(uri);
            RecordRoute rr = new RecordRoute();
            rr.setAddress(address);
            return rr;
        } catch (ParseException e) {
            throw new IllegalStateException("advertised address is not a valid SIP host: " + advertisedHost, e);
        }
    }
}
