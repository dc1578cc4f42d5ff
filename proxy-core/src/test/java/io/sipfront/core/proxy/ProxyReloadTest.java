package io.sipfront.core.proxy;

import static io.sipfront.core.testing.Sip.CARRIER_A;
import static io.sipfront.core.testing.Sip.CARRIER_B;
import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.sipfront.config.ConfigLoader;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.Sip;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@link SipfrontProxy#apply}: new calls follow the new sources, routing and sets at once. */
class ProxyReloadTest {
    private final ProxyHarness h = new ProxyHarness();

    private static SipfrontConfig config(String platform, String firstCarrier, String secondCarrier) throws Exception {
        return ConfigLoader.parse("""
                sip:
                  listen: [udp:127.0.0.1:5060, tcp:127.0.0.1:5060]
                sources:
                  platform: [%s]
                  carriers:
                    - { name: carrier-a, addresses: [127.0.0.20] }
                    - { name: carrier-b, addresses: [127.0.0.21] }
                routing: { inbound: platform, outbound: carriers }
                destination_sets:
                  - name: platform
                    algorithm: priority
                    destinations: [{ id: p, uri: "sip:127.0.0.10:5060" }]
                  - name: carriers
                    algorithm: priority
                    destinations:
                      - { id: first, uri: "sip:%s", priority: 1 }
                      - { id: second, uri: "sip:%s", priority: 2 }
                """.formatted(platform, firstCarrier, secondCarrier), "reload.yaml", null);
    }

    private String firstHopOfANewCall(String callId) {
        h.receive(Sip.invite(callId), PLATFORM);
        List<Out> out = h.drain();
        return out.stream().filter(o -> o.isRequest("INVITE")).findFirst().map(Out::to)
                .orElse("answered " + out.get(0).status());
    }

    @Test
    void newCallsUseTheNewDestinationSets() throws Exception {
        assertEquals(CARRIER_A, firstHopOfANewCall("before"));
        h.apply(config("127.0.0.10", CARRIER_B, CARRIER_A));
        assertEquals(CARRIER_B, firstHopOfANewCall("after"));
    }

    @Test
    void newRequestsAreClassifiedByTheNewSources() throws Exception {
        h.apply(config("127.0.0.99", CARRIER_A, CARRIER_B));
        h.receive(Sip.invite("stranger-now"), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(1, out.size(), out.toString());
        assertEquals(403, out.get(0).status(), "the old platform address is no longer known");
    }
}
