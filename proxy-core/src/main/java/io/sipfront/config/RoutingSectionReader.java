package io.sipfront.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/** The {@code routing} section: the default set of each direction, trunk groups and ordered rules. */
final class RoutingSectionReader {
    static final List<String> KEYS = List.of("inbound", "outbound", "retry_after_s", "trunk_groups", "rules");
    static final List<String> GROUP_KEYS = List.of("name", "primary", "secondary", "tertiary");
    static final List<String> RULE_KEYS = List.of("name", "number", "source", "header", "trunk_group");
    static final List<String> HEADER_KEYS = List.of("name", "value");

    private RoutingSectionReader() {
    }


    static RoutingSettings read(ConfigNode section, Set<String> setNames, SourceSettings sources)
            throws ConfigException {
        ConfigMap routing = section.asMap(KEYS);
        String inbound = existingSet(routing.required("inbound"), setNames);
        String outbound = existingSet(routing.required("outbound"), setNames);
        int retryAfter = routing.optionalInt("retry_after_s", RoutingSettings.DEFAULT_RETRY_AFTER_SECONDS, 1, 86_400);
        List<TrunkGroup> groups = new ArrayList<>();
        Map<String, ConfigNode> groupNames = new HashMap<>();
        if (routing.has("trunk_groups")) {
            for (ConfigNode node : routing.required("trunk_groups").asList()) {
                ConfigMap g = node.asMap(GROUP_KEYS);
                ConfigNode nameNode = g.required("name");
                String name = nameNode.parse(Names::check, "a trunk group name");
                unique(groupNames, name, nameNode, "trunk group");
                List<String> sets = new ArrayList<>();
                sets.add(existingSet(g.required("primary"), setNames));
                for (String tier : List.of("secondary", "tertiary")) {
                    if (g.has(tier)) {
                        ConfigNode setNode = g.required(tier);
                        String set = existingSet(setNode, setNames);
                        if (sets.contains(set)) {
                            throw setNode.error("set '" + set + "' is already in this trunk group");
                        }
                        sets.add(set);
                    }
                }
                if (g.has("tertiary") && !g.has("secondary")) {
                    throw g.required("tertiary").error("a tertiary set needs a secondary one");
                }
                groups.add(new TrunkGroup(name, sets));
            }
        }
        List<RoutingRule> rules = new ArrayList<>();
        Map<String, ConfigNode> ruleNames = new HashMap<>();
        if (routing.has("rules")) {
            for (ConfigNode node : routing.required("rules").asList()) {
                rules.add(readRule(node, ruleNames, groupNames, sources));
            }
        }
        return new RoutingSettings(inbound, outbound, groups, rules, retryAfter);
    }

    private static RoutingRule readRule(ConfigNode node, Map<String, ConfigNode> ruleNames,
                                        Map<String, ConfigNode> groupNames, SourceSettings sources)
            throws ConfigException {
        ConfigMap r = node.asMap(RULE_KEYS);
        ConfigNode nameNode = r.required("name");
        String name = nameNode.parse(Names::check, "a rule name");
        unique(ruleNames, name, nameNode, "rule");
        Pattern number = r.has("number") ? regex(r.required("number")) : null;
        String source = null;
        if (r.has("source")) {
            ConfigNode sourceNode = r.required("source");
            source = sourceNode.asText("platform, carrier or a carrier name");
            String s = source;
            if (!s.equals("platform") && !s.equals("carrier")
                    && sources.carriers().stream().noneMatch(c -> c.name().equals(s))) {
                throw sourceNode.error("source '" + s + "' is neither platform, carrier nor a carrier"
                        + " defined in sources.carriers");
            }
        }
        String headerName = null;
        Pattern headerValue = null;
        if (r.has("header")) {
            ConfigMap h = r.required("header").asMap(HEADER_KEYS);
            headerName = h.required("name").parse(HeaderNames::check, "a header name");
            headerValue = regex(h.required("value"));
        }
        ConfigNode groupNode = r.required("trunk_group");
        String group = groupNode.asText("the name of a trunk group");
        if (!groupNames.containsKey(group)) {
            throw groupNode.error("trunk group '" + group + "' does not exist; defined trunk groups: "
                    + (groupNames.isEmpty() ? "none" : String.join(", ", groupNames.keySet())));
        }
        return new RoutingRule(name, number, source, headerName, headerValue, group);
    }

    private static Pattern regex(ConfigNode node) throws ConfigException {
        String text = node.asText("a regular expression");
        try {
            return Pattern.compile(text);
        } catch (PatternSyntaxException e) {
            throw node.error("'" + text + "' is not a valid regular expression: " + e.getDescription()
                    + (e.getIndex() >= 0 ? " at index " + e.getIndex() : ""));
        }
    }

    private static void unique(Map<String, ConfigNode> seen, String name, ConfigNode node, String what)
            throws ConfigException {
        ConfigNode earlier = seen.putIfAbsent(name, node);
        if (earlier != null) {
            throw node.error(what + " name '" + name + "' is already used at " + earlier.describeLocation());
        }
    }

    private static String existingSet(ConfigNode node, Set<String> setNames) throws ConfigException {
        String name = node.asText("the name of a destination set");
        if (!setNames.contains(name)) {
            throw node.error("destination set '" + name + "' does not exist; defined sets: "
                    + String.join(", ", setNames));
        }
        return name;
    }
}
