package io.sipfront.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.dispatcher.Algorithm;
import io.sipfront.dispatcher.DestinationSet;
import io.sipfront.dispatcher.FailoverMode;
import io.sipfront.dispatcher.HealthSettings;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The health, failover, limits, carrier, trunk group and rule keys: read right, and every mistake reported where. */
class RoutingConfigTest {
    /** Lines 1-7. */
    static final String HEAD = """
            sip: { listen: [udp:127.0.0.1:5060] }
            sources:
              platform: [127.0.0.10]
              carriers:
                - { name: carrier-a, addresses: [127.0.0.20] }
                - { name: carrier-b, addresses: [127.0.0.21] }
            routing: { inbound: platform, outbound: carriers }
            """;

    /** Lines 8-12. */
    static final String PLATFORM = """
            destination_sets:
              - name: platform
                algorithm: priority
                destinations:
                  - { id: p1, uri: "sip:127.0.0.10" }
            """;

    static SipfrontConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "t.yaml", null);
    }

    static String withCarriers(String set) {
        return HEAD + PLATFORM + set;
    }

    static void assertError(String yaml, int line, String... fragments) {
        ConfigException e = assertThrows(ConfigException.class, () -> parse(yaml));
        assertTrue(e.getMessage().startsWith("t.yaml:" + line + ":"), e.getMessage());
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "'" + f + "' missing from: " + e.getMessage());
        }
    }

    @Test
    void healthFailoverLimitsAndCarrierAreRead() throws Exception {
        SipfrontConfig c = parse(withCarriers("""
                  - name: carriers
                    algorithm: srv
                    failover_mode: outage
                    health: { interval_ms: 5000, timeout_ms: 1000, misses: 4, successes: 3, up_codes: [404],
                              passive_error_percent: 40, passive_min_calls: 20 }
                    destinations:
                      - { id: a, uri: "sip:127.0.0.20", priority: 10, weight: 60, max_calls: 100, max_cps: 5 }
                      - { id: b, uri: "sip:127.0.0.22", carrier: carrier-b }
                """));
        DestinationSet set = c.destinationSets().get("carriers");
        assertEquals(Algorithm.SRV, set.algorithm());
        assertEquals(FailoverMode.OUTAGE, set.policy().failoverMode());
        assertEquals(new HealthSettings(true, 5000, 1000, 4, 3, Set.of(404), 40, 20), set.policy().health());
        assertEquals(100, set.destinations().get(0).maxCalls());
        assertEquals(5, set.destinations().get(0).maxCps());
        assertEquals(Optional.of("carrier-a"), set.destinations().get(0).carrier(), "by source address");
        assertEquals(Optional.of("carrier-b"), set.destinations().get(1).carrier(), "named");
        assertEquals(HealthSettings.PROBING, c.destinationSets().get("platform").policy().health(),
                "no health section: probed with the defaults (10 s, 3 misses, 2 successes)");
        assertEquals(Optional.empty(), c.destinationSets().get("platform").destinations().get(0).carrier());
    }

    @Test
    void probingCanBeTurnedOffPerSet() throws Exception {
        SipfrontConfig c = parse(withCarriers("""
                  - name: carriers
                    algorithm: priority
                    health: { probe: false }
                    destinations:
                      - { id: a, uri: "sip:127.0.0.20" }
                """));
        assertFalse(c.destinationSets().get("carriers").policy().health().probe());
        assertTrue(c.destinationSets().get("platform").policy().health().probe(), "other sets keep the default");
    }

    @Test
    void theShippedCarrierHealthExampleLoads() throws Exception {
        SipfrontConfig c = ConfigLoader.load(java.nio.file.Path.of("../config/examples/carrier-health.yaml"));
        assertEquals(HealthSettings.PROBING.intervalMs(), c.destinationSets().get("carriers").policy().health()
                .intervalMs());
        assertEquals(50, c.destinationSets().get("carriers").policy().health().passiveErrorPercent());
        assertEquals(Algorithm.LEAST_LOAD, c.destinationSets().get("platform").algorithm());
        assertEquals("us-numbers", c.routing().rules().get(0).name());
        assertEquals(Optional.of("carrier-d"), c.destinationSets().get("low-cost").destinations().get(1).carrier());
        assertEquals(Optional.of("carrier-b"), c.destinationSets().get("carriers").destinations().get(1).carrier());
    }

    @Test
    void rulesAndTrunkGroupsAreRead() throws Exception {
        SipfrontConfig c = parse(HEAD.replace("routing: { inbound: platform, outbound: carriers }", """
                routing:
                  inbound: platform
                  outbound: carriers
                  trunk_groups:
                    - { name: tg, primary: carriers, secondary: platform }
                  rules:
                    - { name: us, number: '^1[2-9]\\d{9}$', source: carrier-a, header: { name: X-T, value: gold },
                        trunk_group: tg }""") + PLATFORM + """
                  - name: carriers
                    algorithm: priority
                    destinations: [{ id: a, uri: "sip:127.0.0.20" }]
                """);
        assertEquals(new TrunkGroup("tg", java.util.List.of("carriers", "platform")),
                c.routing().trunkGroups().get(0));
        RoutingRule r = c.routing().rules().get(0);
        assertEquals("us", r.name());
        assertTrue(r.number().matcher("12125551234").matches());
        assertEquals("carrier-a", r.source());
        assertEquals("X-T", r.headerName());
    }

    @Test
    void aRegexThatDoesNotCompileIsRejectedAtItsLine() {
        assertError(HEAD.replace("routing: { inbound: platform, outbound: carriers }", """
                routing:
                  inbound: platform
                  outbound: carriers
                  trunk_groups: [{ name: tg, primary: carriers }]
                  rules:
                    - name: bad
                      number: '^1[2-9'
                      trunk_group: tg""") + PLATFORM + """
                  - name: carriers
                    algorithm: priority
                    destinations: [{ id: a, uri: "sip:127.0.0.20" }]
                """, 13, "routing.rules[0].number", "not a valid regular expression");
    }

    @Test
    void aTrunkGroupNamingAMissingSetIsRejected() {
        assertError(HEAD.replace("routing: { inbound: platform, outbound: carriers }", """
                routing:
                  inbound: platform
                  outbound: carriers
                  trunk_groups:
                    - { name: tg, primary: carriers, secondary: nowhere }""") + PLATFORM + """
                  - name: carriers
                    algorithm: priority
                    destinations: [{ id: a, uri: "sip:127.0.0.20" }]
                """, 11, "destination set 'nowhere' does not exist");
    }

    @Test
    void aRuleNamingAMissingTrunkGroupIsRejected() {
        assertError(HEAD.replace("routing: { inbound: platform, outbound: carriers }", """
                routing:
                  inbound: platform
                  outbound: carriers
                  rules:
                    - { name: r, trunk_group: ghost }""") + PLATFORM + """
                  - name: carriers
                    algorithm: priority
                    destinations: [{ id: a, uri: "sip:127.0.0.20" }]
                """, 11, "trunk group 'ghost' does not exist");
    }

    @Test
    void theSameDestinationTwiceInASetIsRejected() {
        assertError(withCarriers("""
                  - name: carriers
                    algorithm: priority
                    destinations:
                      - { id: a, uri: "sip:127.0.0.20" }
                      - { id: b, uri: "sip:127.0.0.20:5060" }
                """), 17, "same address and transport");
    }

    @Test
    void anUnknownHealthKeyIsRejected() {
        assertError(withCarriers("""
                  - name: carriers
                    algorithm: priority
                    health: { interval_ms: 1000, mises: 3 }
                    destinations: [{ id: a, uri: "sip:127.0.0.20" }]
                """), 15, "unknown key 'mises'", "did you mean 'misses'");
    }

    @Test
    void aProbeTimeoutLongerThanTheIntervalIsRejected() {
        assertError(withCarriers("""
                  - name: carriers
                    algorithm: priority
                    health: { interval_ms: 1000, timeout_ms: 1500 }
                    destinations: [{ id: a, uri: "sip:127.0.0.20" }]
                """), 15, "timeout_ms (1500) must be <= interval_ms (1000)");
    }

    @Test
    void leastLoadWithoutMaxCallsAndUnknownModesAreRejected() {
        assertError(withCarriers("""
                  - name: carriers
                    algorithm: least-load
                    destinations:
                      - { id: a, uri: "sip:127.0.0.20", max_calls: 10 }
                      - { id: b, uri: "sip:127.0.0.21" }
                """), 17, "least-load algorithm needs max_calls");
        assertError(withCarriers("""
                  - name: carriers
                    algorithm: priority
                    failover_mode: sometimes
                    destinations: [{ id: a, uri: "sip:127.0.0.20" }]
                """), 15, "unknown failover mode 'sometimes'", "immediate, degraded, outage");
        assertError(withCarriers("""
                  - name: carriers
                    algorithm: priority
                    destinations: [{ id: a, uri: "sip:127.0.0.20", carrier: carrier-z }]
                """), 15, "carrier 'carrier-z' is not defined");
    }
}
