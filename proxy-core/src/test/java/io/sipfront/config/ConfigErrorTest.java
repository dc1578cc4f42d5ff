package io.sipfront.config;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.core.testing.MinimalConfig;
import org.junit.jupiter.api.Test;

/**
 * One test per kind of mistake: each asserts the exact line (and column) reported and that the
 * reason names the key and the bad value. Documents are built as [section under test] + the
 * rest of a valid config, so the line numbers can be read off the text blocks.
 */
class ConfigErrorTest {

    // The smallest valid document, in parts: SIP is two lines, REST everything else it needs.
    static final String SIP = MinimalConfig.SIP;
    static final String SOURCES = MinimalConfig.SOURCES;
    static final String ROUTING = MinimalConfig.ROUTING;
    static final String SETS = MinimalConfig.SETS;
    static final String REST = MinimalConfig.REST;

    @Test
    void theBaseDocumentIsValid() throws Exception {
        ConfigLoader.parse(SIP + REST, "base.yaml", null);
    }

    // ---- document shape ----

    @Test
    void emptyFile() {
        assertError("", 1, 1, "the config is empty");
    }

    @Test
    void fileWithOnlyComments() {
        assertError("# nothing here\n\n", 1, 1, "the config is empty");
    }

    @Test
    void topLevelIsNotAMapping() {
        assertError("- sip\n- sources\n", 1, 1, "the top level must be a mapping", "found a list");
    }

    @Test
    void yamlSyntaxError() {
        String yaml = """
                sip:
                  listen: [udp:127.0.0.1:5060
                sources:
                """;
        // The flow list opened on line 2 is still open when "sources:" appears.
        assertError(yaml, 3, 8, "YAML syntax error", "expected ',' or ']'", "line 2, column 11");
    }

    @Test
    void tabIndentationIsReportedWhereTheTabIs() {
        String yaml = "sip:\n  listen: [udp:127.0.0.1:5060]\n\tworkers: 2\n";
        assertError(yaml, 3, 1, "YAML syntax error", "TAB");
    }

    @Test
    void aliasesAreRejected() {
        String yaml = """
                sip:
                  listen: [&l udp:127.0.0.1:5060]
                  advertised_address: *l
                """ + REST;
        assertError(yaml, 3, 23, "sip.advertised_address", "aliases (*l)");
    }

    @Test
    void secondDocument() {
        assertError(SIP + REST + "---\nsip: {}\n", 23, 1, "a second YAML document");
    }

    // ---- keys ----

    @Test
    void unknownTopLevelKey() {
        assertError(SIP + "sipp: {}\n" + REST, 3, 1,
                "unknown top-level key 'sipp'",
                "allowed keys: sip, timers, limits, proxy, sources, routing, destination_sets",
                "did you mean 'sip'?");
    }

    @Test
    void unknownNestedKey() {
        String yaml = """
                sip:
                  listen: [udp:127.0.0.1:5060]
                  listne: [udp:127.0.0.1:5061]
                """ + REST;
        assertError(yaml, 3, 3, "sip: unknown key 'listne'",
                "allowed keys: listen, advertised_address, advertised_port, workers, udp_receive_buffer_bytes",
                "did you mean 'listen'?");
    }

    @Test
    void unknownKeyDeepInsideAList() {
        String yaml = SIP + SOURCES + ROUTING + """
                destination_sets:
                  - name: platform
                    algorithm: priority
                    destinations:
                      - id: platform-1
                        uri: sip:127.0.0.10:5060
                        prio: 1
                """;
        assertError(yaml, 17, 9, "destination_sets[0].destinations[0]: unknown key 'prio'",
                "allowed keys: id, uri, priority, weight", "did you mean 'priority'?");
    }

    @Test
    void duplicateKey() {
        String yaml = """
                sip:
                  listen: [udp:127.0.0.1:5060]
                  workers: 2
                  workers: 4
                """ + REST;
        assertError(yaml, 4, 3, "sip.workers: duplicate key (first defined at line 3, column 3)");
    }

    @Test
    void missingRequiredKeyIsReportedAtItsParent() {
        String yaml = """
                sip:
                  workers: 2
                """ + REST;
        assertError(yaml, 1, 1, "sip: missing required key 'listen'");
    }

    @Test
    void missingRequiredSection() {
        assertError(SIP + SOURCES + SETS, 1, 1, "missing required top-level key 'routing'");
    }

    // ---- node types and numbers ----

    @Test
    void mappingWhereAListIsExpected() {
        String yaml = """
                sip:
                  listen:
                    udp: 127.0.0.1:5060
                """ + REST;
        assertError(yaml, 3, 5, "sip.listen: expected a list, found a mapping");
    }

    @Test
    void integerWrittenAsAString() {
        String yaml = SIP + """
                timers:
                  t1_ms: "500"
                """ + REST;
        assertError(yaml, 4, 10, "timers.t1_ms", "expected an integer", "the string \"500\"",
                "remove the quotes");
    }

    @Test
    void floatWhereAnIntegerIsExpected() {
        String yaml = SIP + """
                limits:
                  tcp_idle_timeout_s: 1.5
                """ + REST;
        assertError(yaml, 4, 23, "limits.tcp_idle_timeout_s", "expected an integer in 1..86400",
                "the number 1.5");
    }

    @Test
    void negativeWhereNotAllowed() {
        String yaml = SIP + """
                proxy:
                  max_attempts: -1
                """ + REST;
        assertError(yaml, 4, 17, "proxy.max_attempts: -1 is out of range 1..16");
    }

    @Test
    void integerOutOfRange() {
        String yaml = """
                sip:
                  listen: [udp:127.0.0.1:5060]
                  workers: 300
                """ + REST;
        assertError(yaml, 3, 12, "sip.workers: 300 is out of range 0..256");
    }

    @Test
    void leadingZeroWouldBeOctal() {
        String yaml = SIP + """
                limits:
                  max_headers: 0100
                """ + REST;
        assertError(yaml, 4, 16, "limits.max_headers: 0100 has a leading zero", "octal");
    }

    @Test
    void emptyValueWhereAMappingIsExpected() {
        assertError(SIP + "timers:\n" + REST, 3, 8, "timers: expected a mapping, found an empty value");
    }

    @Test
    void booleanExpected() {
        String yaml = SIP + """
                proxy:
                  spiral_handling: 1
                """ + REST;
        assertError(yaml, 4, 20, "proxy.spiral_handling: expected true or false, found the integer 1");
    }

    // ---- sip ----

    @Test
    void wildcardListenWithoutAdvertisedAddress() {
        String yaml = """
                sip:
                  listen:
                    - udp:0.0.0.0:5060
                """ + REST;
        assertError(yaml, 3, 7, "sip.listen[0]: udp:0.0.0.0:5060 is a wildcard address",
                "set sip.advertised_address");
    }

    @Test
    void wildcardListenWithAdvertisedAddressIsFine() throws Exception {
        String yaml = """
                sip:
                  listen: [udp:0.0.0.0:5060]
                  advertised_address: 192.0.2.1
                """ + REST;
        assertEquals("192.0.2.1", ConfigLoader.parse(yaml, "t.yaml", null).sip().advertisedHost());
    }

    @Test
    void listenPortOutOfRange() {
        String yaml = """
                sip:
                  listen:
                    - udp:127.0.0.1:5060
                    - tcp:127.0.0.1:70000
                """ + REST;
        assertError(yaml, 4, 7, "sip.listen[1]: port 70000 is out of range 1..65535");
    }

    @Test
    void aTlsListenerWithoutATlsSectionIsNamed() {
        String yaml = """
                sip:
                  listen: [udp:127.0.0.1:5060, tls:127.0.0.1:5061]
                """ + REST;
        assertError(yaml, 2, 32, "sip.listen[1]: a tls: listener needs a tls section with certificate and private_key");
    }

    @Test
    void aTlsDestinationWithoutATlsSectionIsNamed() {
        assertUriError("sip:platform.sipfront.test;transport=tls", "a sips: or transport=tls destination needs a tls"
                + " section", "'tls: {}' for the system's trust store");
        assertUriError("sips:platform.sipfront.test", "needs a tls section");
    }

    @Test
    void listenUnknownTransport() {
        String yaml = """
                sip:
                  listen: [sctp:127.0.0.1:5061]
                """ + REST;
        assertError(yaml, 2, 12, "sip.listen[0]: unknown transport 'sctp'", "allowed: udp, tcp, tls");
    }

    @Test
    void listenHostName() {
        String yaml = """
                sip:
                  listen: [udp:localhost:5060]
                """ + REST;
        assertError(yaml, 2, 12, "sip.listen[0]: 'localhost' is a host name; an IP address is required");
    }

    @Test
    void duplicateListenAddress() {
        String yaml = """
                sip:
                  listen:
                    - udp:127.0.0.1:5060
                    - tcp:127.0.0.1:5060
                    - UDP:127.0.0.1:5060
                """ + REST;
        assertError(yaml, 5, 7, "sip.listen[2]: udp:127.0.0.1:5060 is already listed at sip.listen[0] (line 3)");
    }

    @Test
    void advertisedAddressWithAPort() {
        String yaml = """
                sip:
                  listen: [udp:127.0.0.1:5060]
                  advertised_address: 192.0.2.1:5060
                """ + REST;
        assertError(yaml, 3, 23, "sip.advertised_address: '192.0.2.1:5060' includes a port",
                "sip.advertised_port");
    }

    // ---- timers ----

    @Test
    void t2BelowT1() {
        String yaml = SIP + """
                timers:
                  t1_ms: 500
                  t2_ms: 400
                """ + REST;
        assertError(yaml, 5, 10, "timers.t2_ms: t2_ms (400) must be >= t1_ms (500)");
    }

    @Test
    void t1AboveTheDefaultT2IsBlamedOnT1AndNamesTheDefault() {
        String yaml = SIP + """
                timers:
                  t1_ms: 5000
                """ + REST;
        assertError(yaml, 4, 10, "timers.t1_ms: t2_ms (4000, the default) must be >= t1_ms (5000)");
    }

    @Test
    void firstResponseLongerThanTimerB() {
        String yaml = SIP + """
                timers:
                  t1_ms: 100
                  first_response_ms: 6401
                """ + REST;
        assertError(yaml, 5, 22, "timers.first_response_ms: first_response_ms (6401) must be <= 64*t1_ms (6400");
    }

    @Test
    void timerCNotLongerThanFirstResponse() {
        String yaml = SIP + """
                timers:
                  timer_c_ms: 2000
                """ + REST;
        assertError(yaml, 4, 15, "timers.timer_c_ms: timer_c_ms (2000) must be > first_response_ms (2000, the default)");
    }

    // ---- sources ----

    @Test
    void badIpAddress() {
        String yaml = SIP + """
                sources:
                  platform: [127.0.0.300]
                """ + ROUTING + SETS;
        assertError(yaml, 4, 14, "sources.platform[0]: '127.0.0.300' is not a valid IPv4 address");
    }

    @Test
    void badIpv6Address() {
        String yaml = SIP + """
                sources:
                  platform: ["2001:db8::1::2"]
                """ + ROUTING + SETS;
        assertError(yaml, 4, 14, "sources.platform[0]: '2001:db8::1::2' is not a valid IPv6 address");
    }

    @Test
    void hostNameAsSource() {
        String yaml = SIP + """
                sources:
                  platform: [pbx.example.com]
                """ + ROUTING + SETS;
        assertError(yaml, 4, 14, "sources.platform[0]: 'pbx.example.com' is a host name");
    }

    @Test
    void cidrWithHostBitsSet() {
        String yaml = SIP + """
                sources:
                  platform:
                    - 10.1.2.0/16
                """ + ROUTING + SETS;
        assertError(yaml, 5, 7, "sources.platform[0]: '10.1.2.0/16' has host bits set",
                "did you mean 10.1.0.0/16?");
    }

    @Test
    void ipv6CidrWithHostBitsSet() {
        String yaml = SIP + """
                sources:
                  platform:
                    - 2001:db8::1/32
                """ + ROUTING + SETS;
        assertError(yaml, 5, 7, "'2001:db8::1/32' has host bits set", "did you mean 2001:db8::/32?");
    }

    @Test
    void cidrPrefixOutOfRange() {
        String yaml = SIP + """
                sources:
                  platform:
                    - 10.0.0.0/33
                """ + ROUTING + SETS;
        assertError(yaml, 5, 7, "sources.platform[0]: '10.0.0.0/33': prefix length 33 is out of range 0..32");
    }

    @Test
    void sourcePortOutOfRange() {
        String yaml = SIP + """
                sources:
                  platform:
                    - "[2001:db8::1]:65536"
                """ + ROUTING + SETS;
        assertError(yaml, 5, 7, "sources.platform[0]: port 65536 is out of range 1..65535");
    }

    @Test
    void sameSourceInPlatformAndCarrier() {
        String yaml = SIP + """
                sources:
                  platform: [127.0.0.10, 127.0.0.20]
                  carriers:
                    - name: carrier-a
                      addresses:
                        - 127.0.0.20/32
                """ + ROUTING + SETS;
        assertError(yaml, 8, 11, "sources.carriers[0].addresses[0]: source '127.0.0.20/32' is already listed"
                + " at sources.platform[1] (line 4)", "exactly one place");
    }

    @Test
    void sameSourceInTwoCarriers() {
        String yaml = SIP + """
                sources:
                  platform: [127.0.0.10]
                  carriers:
                    - name: carrier-a
                      addresses: [127.0.0.20:5060]
                    - name: carrier-b
                      addresses: [127.0.0.21, 127.0.0.20:5060]
                """ + ROUTING + SETS;
        assertError(yaml, 9, 31, "sources.carriers[1].addresses[1]: source '127.0.0.20:5060' is already listed"
                + " at sources.carriers[0].addresses[0] (line 7)");
    }

    @Test
    void duplicateCarrierName() {
        String yaml = SIP + """
                sources:
                  platform: [127.0.0.10]
                  carriers:
                    - name: carrier-a
                      addresses: [127.0.0.20]
                    - name: carrier-a
                      addresses: [127.0.0.21]
                """ + ROUTING + SETS;
        assertError(yaml, 8, 13, "sources.carriers[1].name: carrier name 'carrier-a' is already used at"
                + " sources.carriers[0].name (line 6)");
    }

    @Test
    void invalidCarrierName() {
        String yaml = SIP + """
                sources:
                  platform: [127.0.0.10]
                  carriers:
                    - name: Carrier A
                      addresses: [127.0.0.20]
                """ + ROUTING + SETS;
        assertError(yaml, 6, 13, "sources.carriers[0].name: 'Carrier A' is not a valid name");
    }

    @Test
    void carrierWithoutAddresses() {
        String yaml = SIP + """
                sources:
                  platform: [127.0.0.10]
                  carriers:
                    - name: carrier-a
                      addresses: []
                """ + ROUTING + SETS;
        assertError(yaml, 7, 18, "sources.carriers[0].addresses: the list is empty",
                "at least one source address is required");
    }

    // ---- routing and destination sets ----

    @Test
    void routingNamesAMissingSet() {
        String yaml = SIP + SOURCES + """
                routing:
                  inbound: platfrom
                  outbound: carriers
                """ + SETS;
        assertError(yaml, 9, 12, "routing.inbound: destination set 'platfrom' does not exist",
                "defined sets: platform, carriers");
    }

    @Test
    void duplicateSetName() {
        String yaml = SIP + SOURCES + ROUTING + """
                destination_sets:
                  - name: platform
                    algorithm: round-robin
                    destinations:
                      - id: platform-1
                        uri: sip:127.0.0.10:5060
                  - name: platform
                    algorithm: priority
                    destinations:
                      - id: carrier-a
                        uri: sip:127.0.0.20:5060
                """;
        assertError(yaml, 17, 11, "destination_sets[1].name: destination set name 'platform' is already used at"
                + " destination_sets[0].name (line 12)");
    }

    @Test
    void duplicateDestinationId() {
        String yaml = SIP + SOURCES + ROUTING + """
                destination_sets:
                  - name: platform
                    algorithm: round-robin
                    destinations:
                      - id: edge
                        uri: sip:127.0.0.10:5060
                      - id: edge
                        uri: sip:127.0.0.11:5060
                """;
        assertError(yaml, 17, 13, "destination_sets[0].destinations[1].id: destination id 'edge' is already used");
    }

    @Test
    void sameDestinationIdInTwoSetsIsFine() throws Exception {
        String yaml = SIP + SOURCES + ROUTING + SETS.replace("carrier-a", "platform-1");
        ConfigLoader.parse(yaml, "t.yaml", null);
    }

    @Test
    void emptyDestinations() {
        String yaml = SIP + SOURCES + ROUTING + """
                destination_sets:
                  - name: platform
                    algorithm: round-robin
                    destinations: []
                """;
        assertError(yaml, 14, 19, "destination_sets[0].destinations: the list is empty",
                "at least one destination is required");
    }

    @Test
    void noDestinationSets() {
        assertError(SIP + SOURCES + ROUTING + "destination_sets: []\n", 11, 19,
                "destination_sets: the list is empty", "at least one destination set is required");
    }

    @Test
    void unknownAlgorithm() {
        String yaml = SIP + SOURCES + ROUTING + """
                destination_sets:
                  - name: platform
                    algorithm: random
                """;
        assertError(yaml, 13, 16, "destination_sets[0].algorithm: unknown algorithm 'random'",
                "allowed: priority, round-robin");
    }

    // ---- destination URIs ----

    @Test
    void sipsUriOverAnotherTransport() {
        assertUriError("sips:127.0.0.10:5061;transport=udp", "a sips: URI is reached over TLS only, not udp");
    }

    @Test
    void otherScheme() {
        assertUriError("tel:+15551234", "scheme 'tel' is not supported");
    }

    @Test
    void uriWithUserPart() {
        assertUriError("sip:alice@127.0.0.10", "'sip:alice@127.0.0.10' has a user part ('alice')",
                "the caller's user part is kept");
    }

    @Test
    void uriPortOutOfRange() {
        assertUriError("sip:127.0.0.10:70000", "port 70000 is out of range 1..65535");
    }

    @Test
    void uriWithUnknownParameter() {
        assertUriError("sip:127.0.0.10;lr", "unknown URI parameter 'lr'; allowed: transport=udp|tcp|tls");
    }

    @Test
    void uriWithUnsupportedTransport() {
        assertUriError("sip:127.0.0.10;transport=sctp", "transport 'sctp' is not supported; allowed: udp, tcp, tls");
    }

    @Test
    void uriWithBadIpLiteral() {
        assertUriError("sip:10.0.0.256", "'10.0.0.256' is not a valid IPv4 address");
    }

    @Test
    void invalidHostName() {
        // Names are not resolved at load (DNS being down must not refuse a config), but they must be names.
        assertUriError("sip:pbx_1.sipfront.test:5060", "is neither an IP address nor a valid host name");
    }

    /** The URI goes on line 16, column 14. */
    private static void assertUriError(String uri, String... reasonParts) {
        String yaml = SIP + SOURCES + ROUTING + """
                destination_sets:
                  - name: platform
                    algorithm: round-robin
                    destinations:
                      - id: platform-1
                        uri: URI
                """.replace("URI", uri);
        String[] parts = new String[reasonParts.length + 1];
        parts[0] = "destination_sets[0].destinations[0].uri: ";
        System.arraycopy(reasonParts, 0, parts, 1, reasonParts.length);
        assertError(yaml, 16, 14, parts);
    }

    // ----

    static ConfigException assertError(String yaml, int line, int column, String... reasonParts) {
        ConfigException e = assertThrows(ConfigException.class, () -> ConfigLoader.parse(yaml, "test.yaml", null));
        assertAll(
                () -> assertEquals(line + ":" + column, e.line() + ":" + e.column(), "position of: " + e.getMessage()),
                () -> assertEquals("test.yaml", e.file()),
                () -> assertEquals("test.yaml:" + line + ":" + column + ": " + e.reason(), e.getMessage()),
                () -> {
                    for (String part : reasonParts) {
                        assertTrue(e.reason().contains(part), "reason '" + e.reason() + "' lacks '" + part + "'");
                    }
                });
        return e;
    }
}
