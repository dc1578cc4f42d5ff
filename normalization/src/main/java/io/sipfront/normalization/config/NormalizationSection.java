package io.sipfront.normalization.config;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigMap;
import io.sipfront.config.ConfigNode;
import io.sipfront.config.ConfigPaths;
import io.sipfront.config.ConfigSection;
import io.sipfront.config.InvalidValueException;
import io.sipfront.config.SectionContext;
import io.sipfront.config.SourceSettings;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The optional {@code normalization} section: the store and the numbering plans that seed it. Every plan must name a
 * carrier of {@code sources.carriers}. Left out, normalization is off; written empty, it uses
 * {@link NormalizationSettings#DEFAULTS}.
 */
public final class NormalizationSection {
    public static final String KEY = "normalization";
    public static final ConfigSection<NormalizationSettings> SECTION =
            ConfigSection.of(KEY, context -> NormalizationSettings.DISABLED, NormalizationSection::read);
    static final List<String> KEYS = List.of("store", "sqlite_file", "carriers");
    static final List<String> CARRIER_KEYS = List.of("name", "region", "outbound_format", "invalid_numbers", "rules");
    static final List<String> RULE_KEYS = List.of("direction", "field", "match", "replace");

    private NormalizationSection() {
    }

    static NormalizationSettings read(ConfigNode section, SectionContext context) throws ConfigException {
        if (section.isEmptyScalar()) {
            return NormalizationSettings.DEFAULTS; // "normalization:" alone switches it on with the defaults
        }
        Set<String> carriers = carriers(context.sources());
        ConfigMap n = section.asMap(KEYS);
        NormalizationSettings d = NormalizationSettings.DEFAULTS;
        NormalizationSettings.Store store = d.store();
        if (n.has("store")) {
            store = n.required("store").parse(t -> enumValue(NormalizationSettings.Store.class, t),
                    "a store: sqlite or redis");
        }
        Path file = d.sqliteFile();
        if (n.has("sqlite_file")) {
            file = ConfigPaths.read(n.required("sqlite_file"), context.source());
        }
        List<NumberingPlan> plans = new ArrayList<>();
        if (n.has("carriers")) {
            Map<String, ConfigNode> seen = new HashMap<>();
            for (ConfigNode node : n.required("carriers").asList()) {
                ConfigMap c = node.asMap(CARRIER_KEYS);
                ConfigNode nameNode = c.required("name");
                String name = nameNode.asText("a carrier name");
                if (!carriers.contains(name)) {
                    throw nameNode.error("'" + name + "' is not a carrier of sources.carriers (" 
                            + String.join(", ", carriers) + ")");
                }
                ConfigNode earlier = seen.putIfAbsent(name, nameNode);
                if (earlier != null) {
                    throw nameNode.error("carrier '" + name + "' already has a plan at " + earlier.describeLocation());
                }
                String region = c.required("region").parse(t -> checked(() -> NumberingPlan.parseRegion(t)),
                        "a region code");
                NumberingPlan.OutboundFormat format = NumberingPlan.OutboundFormat.E164;
                if (c.has("outbound_format")) {
                    format = c.required("outbound_format").parse(t -> checked(() -> NumberingPlan.parseFormat(t)),
                            "an outbound format");
                }
                NumberingPlan.InvalidNumbers invalid = NumberingPlan.InvalidNumbers.PASS;
                if (c.has("invalid_numbers")) {
                    invalid = c.required("invalid_numbers").parse(t -> checked(() -> NumberingPlan.parseInvalid(t)),
                            "pass or reject");
                }
                List<NumberRule> rules = new ArrayList<>();
                if (c.has("rules")) {
                    for (ConfigNode ruleNode : c.required("rules").asList()) {
                        rules.add(readRule(ruleNode));
                    }
                }
                plans.add(new NumberingPlan(name, region, format, invalid, rules));
            }
        }
        return new NormalizationSettings(true, store, file, plans);
    }

    private static NumberRule readRule(ConfigNode node) throws ConfigException {
        ConfigMap r = node.asMap(RULE_KEYS);
        String direction = r.required("direction").asText("inbound or outbound");
        String field = r.has("field") ? r.required("field").asText("dialled, caller or both") : "both";
        String match = r.required("match").asText("a regular expression");
        // An empty replacement deletes what matched, so it may be written as ''.
        Optional<ConfigNode> replaceNode = r.optional("replace");
        String replace = replaceNode.isEmpty() || replaceNode.get().isEmptyScalar() ? ""
                : replaceNode.get().parse(t -> t, "a replacement");
        try {
            return NumberRule.parse(direction, field, match, replace);
        } catch (IllegalArgumentException e) {
            String m = e.getMessage();
            int colon = m.indexOf(": ");
            throw r.blame(m.substring(0, colon)).error(m.substring(colon + 2));
        }
    }

    /** The carriers' names, in file order: what a numbering plan may name. */
    public static Set<String> carriers(SourceSettings sources) {
        Set<String> names = new LinkedHashSet<>();
        sources.carriers().forEach(c -> names.add(c.name()));
        return names;
    }

    private interface Check<T> {
        T get();
    }

    private static <T> T checked(Check<T> check) throws InvalidValueException {
        try {
            return check.get();
        } catch (IllegalArgumentException e) {
            // The node's path already names the key: drop the model's own "region: " prefix.
            String m = e.getMessage();
            int colon = m.indexOf(": ");
            throw new InvalidValueException(colon > 0 && colon < 20 ? m.substring(colon + 2) : m);
        }
    }

    private static <E extends Enum<E>> E enumValue(Class<E> type, String text) throws InvalidValueException {
        return checked(() -> NumberRule.parseEnum(type, text, "store", "sqlite or redis"));
    }

}
