package io.sipfront.core.testing;

import io.sipfront.config.AddressMatch;
import io.sipfront.config.CarrierSettings;
import io.sipfront.config.LimitSettings;
import io.sipfront.config.ListenAddress;
import io.sipfront.config.ProxySettings;
import io.sipfront.config.RoutingSettings;
import io.sipfront.config.SipSettings;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.config.SourceSettings;
import io.sipfront.config.TimerSettings;
import io.sipfront.dispatcher.Algorithm;
import io.sipfront.dispatcher.Destination;
import io.sipfront.dispatcher.DestinationSet;
import io.sipfront.net.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The loopback topology of config/examples/loopback.yaml, built in code for in-process tests. */
public final class TestConfigs {
    private TestConfigs() {
    }

    public static SipfrontConfig loopback() {
        return loopback(ProxySettings.DEFAULTS, "udp");
    }

    /** @param carrierTransport transport of the carrier destinations ({@code udp} or {@code tcp}) */
    public static SipfrontConfig loopback(ProxySettings proxy, String carrierTransport) {
        InetAddress lo = ip("127.0.0.1");
        SipSettings sip = new SipSettings(List.of(new ListenAddress(Transport.UDP, lo, 5060),
                new ListenAddress(Transport.TCP, lo, 5060)), "127.0.0.1", 5060, 1, 1 << 20);
        SourceSettings sources = new SourceSettings(
                List.of(match("127.0.0.10"), match("127.0.0.11")),
                List.of(new CarrierSettings("carrier-a", List.of(match("127.0.0.20"))),
                        new CarrierSettings("carrier-b", List.of(match("127.0.0.21")))));
        Map<String, DestinationSet> sets = new LinkedHashMap<>();
        sets.put("platform", new DestinationSet("platform", Algorithm.ROUND_ROBIN, List.of(
                dest("platform-1", "127.0.0.10", "udp", 0), dest("platform-2", "127.0.0.11", "udp", 0))));
        sets.put("carriers", new DestinationSet("carriers", Algorithm.PRIORITY, List.of(
                dest("carrier-a", "127.0.0.20", carrierTransport, 1), dest("carrier-b", "127.0.0.21", carrierTransport, 2))));
        return new SipfrontConfig(null, sip, TimerSettings.DEFAULTS, LimitSettings.DEFAULTS, proxy, sources,
                new RoutingSettings("platform", "carriers"), sets);
    }

    private static Destination dest(String id, String ip, String transport, int priority) {
        String uri = "sip:" + ip + ":5060" + ("tcp".equals(transport) ? ";transport=tcp" : "");
        // As the config loader does by default: a destination belongs to the carrier sending from its address.
        java.util.Optional<String> carrier = id.startsWith("carrier-") ? java.util.Optional.of(id) : java.util.Optional.empty();
        return new Destination(id, uri, new InetSocketAddress(ip(ip), 5060), Transport.parse(transport), priority, 1,
                0, 0, carrier);
    }

    private static AddressMatch match(String ip) {
        return new AddressMatch(ip(ip), 32, 0);
    }

    public static InetAddress ip(String literal) {
        try {
            return InetAddress.getByName(literal);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
