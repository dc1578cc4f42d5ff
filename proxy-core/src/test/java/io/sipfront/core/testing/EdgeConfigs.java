package io.sipfront.core.testing;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.ConfigSections;
import io.sipfront.config.EdgeSection;
import io.sipfront.config.SipfrontConfig;

/** The loopback topology as YAML, with an {@code edge} section of the test's choosing. */
public final class EdgeConfigs {
    public static final String LOOPBACK = """
            sip:
              listen: [udp:127.0.0.1:5060]
              workers: 1
            sources:
              platform: [127.0.0.10, 127.0.0.11]
              carriers:
                - { name: carrier-a, addresses: [127.0.0.20] }
                - { name: carrier-b, addresses: [127.0.0.21] }
            routing:
              inbound: platform
              outbound: carriers
              trunk_groups:
                - { name: premium, primary: platform }
              rules:
                - { name: premium, number: '\\+?999.*', source: carrier, trunk_group: premium }
            destination_sets:
              - name: platform
                algorithm: round-robin
                destinations:
                  - { id: platform-1, uri: "sip:127.0.0.10:5060" }
              - name: carriers
                algorithm: priority
                destinations:
                  - { id: carrier-a, uri: "sip:127.0.0.20:5060", priority: 1 }
                  - { id: carrier-b, uri: "sip:127.0.0.21:5060", priority: 2 }
            """;

    public static final ConfigSections SECTIONS = ConfigSections.of(EdgeSection.SECTION);

    private EdgeConfigs() {
    }

    /** @param edge the {@code edge:} section, indented as a top-level key's value, or "" for none */
    public static SipfrontConfig withEdge(String edge) {
        try {
            return parse(LOOPBACK + edge);
        } catch (ConfigException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
    }

    public static SipfrontConfig parse(String yaml) throws ConfigException {
        return ConfigLoader.parse(yaml, "edge.yaml", null, SECTIONS);
    }
}
