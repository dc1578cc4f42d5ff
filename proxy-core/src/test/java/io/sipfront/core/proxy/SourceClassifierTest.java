package io.sipfront.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.Sip;
import io.sipfront.core.testing.TestConfigs;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Two carriers behind one address told apart by User-Agent or Contact host. */
class SourceClassifierTest {
    static final String CONFIG = """
            sip: { listen: [udp:127.0.0.1:5060] }
            sources:
              platform: [127.0.0.10]
              carriers:
                - { name: acme, addresses: [127.0.0.20], user_agent: '^AcmeSBC' }
                - { name: globex, addresses: [127.0.0.20], contact_host: gw.globex.example }
                - { name: plain, addresses: [127.0.0.21] }
            routing: { inbound: platform, outbound: carriers }
            destination_sets:
              - { name: platform, algorithm: priority, destinations: [{ id: p, uri: "sip:127.0.0.10" }] }
              - { name: carriers, algorithm: priority, destinations: [{ id: c, uri: "sip:127.0.0.21" }] }
            """;
    static final InetSocketAddress SHARED = new InetSocketAddress(TestConfigs.ip("127.0.0.20"), 5060);

    private final SourceClassifier classifier;

    SourceClassifierTest() throws Exception {
        SipfrontConfig config = ConfigLoader.parse(CONFIG, "t.yaml", null);
        classifier = new SourceClassifier(config.sources());
    }

    private static SIPRequest invite(String extra, String contactHost) {
        String text = Sip.invite("c1", "z9hG4bK-c1", contactHost, extra);
        return (SIPRequest) ProxyHarness.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void userAgentAndContactHostPickTheCarrierBehindASharedAddress() {
        assertEquals("acme", classifier.classify(SHARED, invite("User-Agent: AcmeSBC 4.2\r\n", "127.0.0.20")).name());
        assertEquals("globex", classifier.classify(SHARED, invite("", "gw.globex.example")).name());
        assertEquals(Source.UNKNOWN, classifier.classify(SHARED, invite("User-Agent: Other\r\n", "127.0.0.20")),
                "neither carrier's marks: refused like any stranger");
        assertTrue(classifier.classify(SHARED).known(), "by address alone (in-dialog) the source is known");
    }

    @Test
    void sharingAnAddressWithoutUserAgentOrContactIsStillAnError() {
        ConfigException shared = assertThrows(ConfigException.class, () -> ConfigLoader.parse(
                CONFIG.replace(", contact_host: gw.globex.example", ""), "t.yaml", null));
        assertTrue(shared.getMessage().startsWith("t.yaml:6:"), shared.getMessage());
        assertTrue(shared.getMessage().contains("must each set user_agent or contact_host"), shared.getMessage());
    }
}
