package io.sipfront.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.sipfront.dispatcher.Algorithm;
import io.sipfront.dispatcher.Destination;
import io.sipfront.net.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a valid file turns into: every form, and the defaults for what is left out. */
class ConfigLoaderTest {

    static final String MINIMAL = """
            sip:
              listen: [udp:127.0.0.1:5060]
            sources:
              platform: [127.0.0.10]
            routing:
              inbound: platform
              outbound: platform
            destination_sets:
              - name: platform
                algorithm: priority
                destinations:
                  - id: p1
                    uri: sip:127.0.0.10
            """;

    @Test
    void byDefaultANodeRunsOneLoopPerTwoProcessorsAndAtLeastOne() {
        assertEquals(1, SipSettings.defaultWorkers(1));
        assertEquals(1, SipSettings.defaultWorkers(2));
        assertEquals(1, SipSettings.defaultWorkers(3));
        assertEquals(2, SipSettings.defaultWorkers(4));
        assertEquals(8, SipSettings.defaultWorkers(16));
    }

    @Test
    void defaultsFillEverythingOptional() throws Exception {
        SipfrontConfig config = ConfigLoader.parse(MINIMAL, "minimal.yaml", null);

        assertEquals("127.0.0.1", config.sip().advertisedHost());
        assertEquals(5060, config.sip().advertisedPort());
        assertEquals(SipSettings.defaultWorkers(Runtime.getRuntime().availableProcessors()), config.sip().workers());
        assertEquals(4_194_304, config.sip().udpReceiveBufferBytes());
        assertEquals(TimerSettings.DEFAULTS, config.timers());
        assertEquals(LimitSettings.DEFAULTS, config.limits());
        assertEquals(ProxySettings.DEFAULTS, config.proxy());
        assertEquals(List.of(), config.sources().carriers());

        Destination only = config.destinationSets().get("platform").destinations().get(0);
        assertEquals(new Destination("p1", "sip:127.0.0.10",
                new InetSocketAddress(InetAddress.getByName("127.0.0.10"), 5060), Transport.UDP, 0, 1), only);
    }

    @Test
    void advertisedPortDefaultsToTheFirstListenPort() throws Exception {
        SipfrontConfig config = ConfigLoader.parse(
                MINIMAL.replace("[udp:127.0.0.1:5060]", "[tcp:127.0.0.2:5099, udp:127.0.0.1:5060]"), "t", null);
        assertEquals("127.0.0.2", config.sip().advertisedHost());
        assertEquals(5099, config.sip().advertisedPort());
    }

    @Test
    void firstListenAddressInIpv6IsAdvertisedInShortForm() throws Exception {
        SipfrontConfig config = ConfigLoader.parse(
                MINIMAL.replace("[udp:127.0.0.1:5060]", "[\"udp:[2001:db8:0:0::1]:5060\"]"), "t", null);
        assertEquals("2001:db8::1", config.sip().advertisedHost());
    }

    @Test
    void everyKeyAndEveryFormIsRead() throws Exception {
        Path file = Path.of("src/test/resources/config/everything.yaml");
        SipfrontConfig config = ConfigLoader.load(file);

        assertEquals(List.of(new ListenAddress(Transport.TCP, ip("::1"), 5070),
                new ListenAddress(Transport.UDP, ip("0.0.0.0"), 5060)), config.sip().listen());
        assertEquals(new SipSettings(config.sip().listen(), "sbc.example.net", 5080, 3, 65536), config.sip());
        assertEquals(new TimerSettings(250, 2000, 2500, 200_000, 16_000), config.timers());
        assertEquals(new LimitSettings(1024, 16, 1, 30_000), config.limits());
        assertEquals(new ProxySettings(16, true), config.proxy());

        assertEquals(List.of(
                new AddressMatch(ip("10.1.0.0"), 16, 0),
                new AddressMatch(ip("127.0.0.10"), 32, 5060),
                new AddressMatch(ip("2001:db8::1"), 128, 5060),
                new AddressMatch(ip("2001:db8:1::"), 48, 0),
                new AddressMatch(ip("::1"), 128, 0)), config.sources().platform());
        assertEquals(List.of(
                new CarrierSettings("carrier_1", List.of(new AddressMatch(ip("192.0.2.0"), 24, 0),
                        new AddressMatch(ip("203.0.113.7"), 32, 0))),
                new CarrierSettings("2024", List.of(new AddressMatch(ip("2001:db8::20"), 128, 0)))),
                config.sources().carriers());

        var platform = config.destinationSets().get("platform");
        assertEquals(Algorithm.ROUND_ROBIN, platform.algorithm());
        // A host name is left for the daemon's background resolution: never looked up at load.
        Destination edge = platform.destinations().get(0);
        assertEquals(InetSocketAddress.createUnresolved("localhost", 5060), edge.address());
        assertEquals("localhost", edge.domain());
        assertEquals(Transport.UDP, edge.transport());
        assertEquals(new Destination("v6", "sip:[2001:db8::10]:5062;transport=TCP",
                new InetSocketAddress(ip("2001:db8::10"), 5062), Transport.TCP, -5, 10), platform.destinations().get(1));
        var carriers = config.destinationSets().get("carriers");
        assertEquals(new Destination("a", "SIP:192.0.2.1;transport=udp",
                new InetSocketAddress(ip("192.0.2.1"), 5060), Transport.UDP, 1_000_000, 1, 0, 0,
                java.util.Optional.of("carrier_1")), carriers.destinations().get(0),
                "a destination inside carrier_1's 192.0.2.0/24 belongs to carrier_1 by default");
    }

    @Test
    void aMissingFileIsReportedWithoutAPosition() {
        ConfigException e = assertThrows(ConfigException.class,
                () -> ConfigLoader.load(Path.of("no/such/sipfront.yaml")));
        assertEquals("no/such/sipfront.yaml: no such file", e.getMessage());
        assertEquals(0, e.line());
        assertEquals(0, e.column());
    }

    @Test
    void errorMessagesHaveTheEditorFormat() {
        ConfigException e = new ConfigException("config/x.yaml", 12, 7, "sip.workers: 300 is out of range 0..256");
        assertEquals("config/x.yaml:12:7: sip.workers: 300 is out of range 0..256", e.getMessage());
        assertEquals("config/x.yaml", e.file());
        assertEquals("sip.workers: 300 is out of range 0..256", e.reason());
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
