package io.sipfront.config;

import io.sipfront.net.IpLiteral;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The {@code sip} section: sockets and the identity Sipfront writes into Via and Record-Route. */
final class SipSectionReader {
    static final List<String> KEYS =
            List.of("listen", "advertised_address", "advertised_port", "workers", "udp_receive_buffer_bytes");
    static final int MAX_WORKERS = 256;
    static final int DEFAULT_UDP_RECEIVE_BUFFER = 4 * 1024 * 1024;
    static final int MIN_UDP_RECEIVE_BUFFER = 64 * 1024;
    static final int MAX_UDP_RECEIVE_BUFFER = 256 * 1024 * 1024;

    private SipSectionReader() {
    }

    static SipSettings read(ConfigNode section) throws ConfigException {
        ConfigMap sip = section.asMap(KEYS);
        List<ConfigNode> listenNodes = sip.required("listen").asNonEmptyList("listen address");
        List<ListenAddress> listen = readListen(listenNodes);
        ListenAddress first = listen.get(0);

        String advertisedHost;
        if (sip.has("advertised_address")) {
            advertisedHost = sip.required("advertised_address")
                    .parse(AdvertisedHosts::parse, "an IP address or host name");
        } else if (first.address().isAnyLocalAddress()) {
            throw listenNodes.get(0).error(first + " is a wildcard address, which cannot go into Via or"
                    + " Record-Route; set sip.advertised_address to the address peers should send to");
        } else {
            advertisedHost = IpLiteral.toText(first.address());
        }
        int advertisedPort = sip.optionalInt("advertised_port", first.port(), Ports.MIN, Ports.MAX);
        int workers = sip.optionalInt("workers", 0, 0, MAX_WORKERS);
        if (workers == 0) {
            workers = SipSettings.defaultWorkers(Runtime.getRuntime().availableProcessors());
        }
        int udpReceiveBuffer = sip.optionalInt("udp_receive_buffer_bytes", DEFAULT_UDP_RECEIVE_BUFFER,
                MIN_UDP_RECEIVE_BUFFER, MAX_UDP_RECEIVE_BUFFER);
        return new SipSettings(listen, advertisedHost, advertisedPort, workers, udpReceiveBuffer);
    }

    private static List<ListenAddress> readListen(List<ConfigNode> nodes) throws ConfigException {
        List<ListenAddress> listen = new ArrayList<>();
        Map<ListenAddress, ConfigNode> seen = new HashMap<>();
        for (ConfigNode node : nodes) {
            ListenAddress address = node.parse(ListenSpecs::parse, "a listen address (" + ListenSpecs.FORM + ")");
            ConfigNode earlier = seen.putIfAbsent(address, node);
            if (earlier != null) {
                throw node.error(address + " is already listed at " + earlier.describeLocation());
            }
            listen.add(address);
        }
        return listen;
    }
}
