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
    static final List<String> CARRIER_KEYS = List.of("name", "addresses", "user_agent", "contact_host");
    static final String SPEC_FORMS = "an IP address, network or address with port"
            + " (127.0.0.20, 10.1.0.0/16, 127.0.0.20:5060, [2001:db8::1]:5060, 2001:db8::/32)";

    /** Every spec read so far, with where it was written. */
    private final Map<AddressMatch, ConfigNode> seen = new HashMap<>();
    /** Specs of carriers that also check User-Agent or Contact: several such carriers may share one. */
    private final java.util.Set<AddressMatch> shareable = new java.util.HashSet<>();

    private SourceSectionReader() {
    }

    static SourceSettings read(ConfigNode section) throws ConfigException {
        return new SourceSectionReader().readSection(section);
    }

    private SourceSettings readSection(ConfigNode section) throws ConfigException {
        ConfigMap sources = section.asMap(KEYS);
        List<AddressMatch> platform = readAddresses(sources.required("platform"), false);
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
                java.util.regex.Pattern userAgent = null;
                if (carrier.has("user_agent")) {
                    ConfigNode uaNode = carrier.required("user_agent");
                    String text = uaNode.asText("a regular expression");
                    try {
                        userAgent = java.util.regex.Pattern.compile(text);
                    } catch (java.util.regex.PatternSyntaxException e) {
                        throw uaNode.error("'" + text + "' is not a valid regular expression: " + e.getDescription());
                    }
                }
                String contactHost = carrier.has("contact_host")
                        ? carrier.required("contact_host").asText("a host name or IP address") : null;
                boolean discriminated = userAgent != null || contactHost != null;
                carriers.add(new CarrierSettings(name, readAddresses(carrier.required("addresses"), discriminated),
                        userAgent, contactHost));
            }
        }
        return new SourceSettings(platform, carriers);
    }

    /** @param discriminated the carrier also checks User-Agent or Contact, so it may share addresses */
    private List<AddressMatch> readAddresses(ConfigNode list, boolean discriminated) throws ConfigException {
        List<AddressMatch> addresses = new ArrayList<>();
        for (ConfigNode node : list.asNonEmptyList("source address")) {
            AddressMatch match = node.parse(SourceSpecs::parse, SPEC_FORMS);
            ConfigNode earlier = seen.putIfAbsent(match, node);
            boolean shared = earlier != null && discriminated && shareable.contains(match);
            if (discriminated && earlier == null) {
                shareable.add(match);
            }
            if (earlier != null && !shared) {
                throw node.error("source '" + node.asText(SPEC_FORMS) + "' is already listed at "
                        + earlier.describeLocation() + "; a source must belong to exactly one place,"
                        + " or its calls could not be classified (carriers sharing an address must each set"
                        + " user_agent or contact_host)");
            }
            addresses.add(match);
        }
        return addresses;
    }
}
