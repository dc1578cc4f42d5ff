package io.sipfront.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code sources} section: which addresses are the platform and which are each carrier.
 * The same spec listed twice is an error: a call from it could not be classified.
 */
final class SourceSectionReader {
    static final List<String> KEYS = List.of("platform", "carriers");
    static final List<String> CARRIER_KEYS = List.of("name", "addresses");
    static final String SPEC_FORMS = "an IP address, network or address with port"
            + " (127.0.0.20, 10.1.0.0/16, 127.0.0.20:5060, [2001:db8::1]:5060, 2001:db8::/32)";

    /** Every spec read so far, with where it was written. */
    private final Map<AddressMatch, ConfigNode> seen = new HashMap<>();

    private SourceSectionReader() {
    }

    static SourceSettings read(ConfigNode section) throws ConfigException {
        return new SourceSectionReader().readSection(section);
    }

    private SourceSettings readSection(ConfigNode section) throws ConfigException {
        ConfigMap sources = section.asMap(KEYS);
        List<AddressMatch> platform = readAddresses(sources.required("platform"));
        List<CarrierSettings> carriers = new ArrayList<>();
        if (sources.has("carriers")) {
            Map<String, ConfigNode> names = new HashMap<>();
            for (ConfigNode node : sources.required("carriers").asList()) {
                ConfigMap carrier = node.asMap(CARRIER_KEYS);
                ConfigNode nameNode = carrier.required("name");
                String name = nameNode.parse(Names::check, "a carrier name");
                ConfigNode earlier = names.putIfAbsent(name, nameNode);
                if (earlier != null) {
                    throw nameNode.error("carrier name '" + name + "' is already used at "
                            + earlier.describeLocation());
                }
                carriers.add(new CarrierSettings(name, readAddresses(carrier.required("addresses"))));
            }
        }
        return new SourceSettings(platform, carriers);
    }

    private List<AddressMatch> readAddresses(ConfigNode list) throws ConfigException {
        List<AddressMatch> addresses = new ArrayList<>();
        for (ConfigNode node : list.asNonEmptyList("source address")) {
            AddressMatch match = node.parse(SourceSpecs::parse, SPEC_FORMS);
            ConfigNode earlier = seen.putIfAbsent(match, node);
            if (earlier != null) {
                throw node.error("source '" + node.asText(SPEC_FORMS) + "' is already listed at "
                        + earlier.describeLocation() + "; a source must belong to exactly one place,"
                        + " or its calls could not be classified");
            }
            addresses.add(match);
        }
        return addresses;
    }
}
