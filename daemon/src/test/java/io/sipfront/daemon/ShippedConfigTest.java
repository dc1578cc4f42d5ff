package io.sipfront.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.config.AddressMatch;
import io.sipfront.config.CarrierSettings;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.LimitSettings;
import io.sipfront.config.ListenAddress;
import io.sipfront.config.ProxySettings;
import io.sipfront.config.RoutingSettings;
import io.sipfront.config.SipSettings;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.config.TimerSettings;
import io.sipfront.net.Transport;
import io.sipfront.dispatcher.Algorithm;
import io.sipfront.dispatcher.Destination;
import io.sipfront.dispatcher.DestinationSet;
import io.sipfront.net.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The files we ship load, and describe exactly the loopback topology other tools rely on. */
class ShippedConfigTest {

    @Test
    void exampleLoopbackFileIsTheLoopbackTopology() throws Exception {
        Path file = Path.of("../config/examples/loopback.yaml");
        SipfrontConfig config = SipfrontSections.load(file);
        assertEquals(file, config.source());
        assertLoopbackTopology(config);
    }

    @Test
    void carrierAccountsExampleIsTheLoopbackTopologyWithCarrierAsAccount() throws Exception {
        Path file = Path.of("../config/examples/carrier-accounts.yaml");
        SipfrontConfig config = SipfrontSections.load(file);
        assertLoopbackTopology(config);
        io.sipfront.config.Accounts accounts = config.section(io.sipfront.config.AccountsSection.SECTION);
        assertEquals(1, accounts.all().size());
        io.sipfront.config.AccountSettings a = accounts.forCarrier("carrier-a").orElseThrow();
        assertEquals("sipfront-a", a.username());
        assertEquals(java.util.Optional.of("carrier-a.sipfront.test"), a.realm());
        assertTrue(a.password().origin().endsWith("config/examples/secrets/carrier-a.password"),
                a.password().origin());
        io.sipfront.config.RegistrationSettings r = a.registration().orElseThrow();
        assertEquals("sip:127.0.0.20:5060", r.registrarUri());
        assertEquals(new InetSocketAddress(ip("127.0.0.20"), 5060), r.registrar());
        assertEquals("sip:sipfront-a@carrier-a.sipfront.test", r.aor());
        assertEquals("sipfront-a", r.contactUser());
        assertEquals(300, r.expiresS());
        assertNull(accounts.forCarrier("carrier-b").orElse(null));
        // Everything but the header comments and the accounts section is loopback.yaml itself.
        String loopback = java.nio.file.Files.readString(Path.of("../config/examples/loopback.yaml"));
        String accountsFile = java.nio.file.Files.readString(file);
        assertEquals(loopback.substring(loopback.indexOf("\nsip:\n")).strip(),
                accountsFile.substring(accountsFile.indexOf("\nsip:\n"), accountsFile.indexOf("\n# Credentials per"))
                        .strip());
    }

    @Test
    void defaultFileIsTheLoopbackTopology() throws Exception {
        Path file = Path.of("../config/sipfront.yaml");
        SipfrontConfig config = SipfrontSections.load(file);
        assertEquals(file, config.source());
        assertLoopbackTopology(config);
    }

    static void assertLoopbackTopology(SipfrontConfig config) throws Exception {
        InetAddress loopback = ip("127.0.0.1");
        assertEquals(List.of(new ListenAddress(Transport.UDP, loopback, 5060),
                new ListenAddress(Transport.TCP, loopback, 5060)), config.sip().listen());
        assertEquals("127.0.0.1", config.sip().advertisedHost());
        assertEquals(5060, config.sip().advertisedPort());
        assertEquals(SipSettings.defaultWorkers(Runtime.getRuntime().availableProcessors()), config.sip().workers());
        assertEquals(4_194_304, config.sip().udpReceiveBufferBytes());

        assertEquals(TimerSettings.DEFAULTS, config.timers());
        assertEquals(2000, config.timers().firstResponseMs());
        assertEquals(LimitSettings.DEFAULTS, config.limits());
        assertEquals(ProxySettings.DEFAULTS, config.proxy());

        assertEquals(List.of(single("127.0.0.10"), single("127.0.0.11")), config.sources().platform());
        assertEquals(List.of(new CarrierSettings("carrier-a", List.of(single("127.0.0.20"))),
                new CarrierSettings("carrier-b", List.of(single("127.0.0.21")))), config.sources().carriers());

        assertEquals(new RoutingSettings("platform", "carriers"), config.routing());

        assertEquals(List.of("platform", "carriers"), List.copyOf(config.destinationSets().keySet()));
        DestinationSet platform = config.destinationSets().get("platform");
        assertEquals("platform", platform.name());
        assertEquals(Algorithm.ROUND_ROBIN, platform.algorithm());
        assertEquals(List.of(
                destination("platform-1", "127.0.0.10", 0),
                destination("platform-2", "127.0.0.11", 0)), platform.destinations());
        DestinationSet carriers = config.destinationSets().get("carriers");
        assertEquals("carriers", carriers.name());
        assertEquals(Algorithm.PRIORITY, carriers.algorithm());
        assertEquals(List.of(
                destination("carrier-a", "127.0.0.20", 1),
                destination("carrier-b", "127.0.0.21", 2)), carriers.destinations());
    }

    @Test
    void parseWithoutAPathRecordsNoSource() throws Exception {
        String yaml = java.nio.file.Files.readString(Path.of("../config/sipfront.yaml"));
        assertNull(ConfigLoader.parse(yaml, "inline", null, SipfrontSections.ALL).source());
    }

    private static Destination destination(String id, String ip, int priority) throws Exception {
        // Carrier destinations belong to the carrier whose source address they are (number normalization needs it).
        java.util.Optional<String> carrier = id.startsWith("carrier-") ? java.util.Optional.of(id)
                : java.util.Optional.empty();
        return new Destination(id, "sip:" + ip + ":5060", new InetSocketAddress(ip(ip), 5060), Transport.UDP, priority, 1,
                0, 0, carrier);
    }

    private static AddressMatch single(String ip) throws Exception {
        return new AddressMatch(ip(ip), 32, 0);
    }

    private static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }
}
