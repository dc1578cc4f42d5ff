package io.sipfront.config;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the optional {@code edge} section ({@link EdgeSettings}). Left out, edge protection is off; written as just
 * {@code edge:}, it has the defaults below.
 */
public final class EdgeSection {
    public static final String KEY = "edge";
    public static final ConfigSection<EdgeSettings> SECTION = ConfigSection.of(KEY, context -> EdgeSettings.OFF,
            EdgeSection::read);

    static final List<String> KEYS = List.of("trusted", "flood", "scanners", "forbidden_per_second", "retry_after_s",
            "carriers", "trunk_groups", "fix_nated_contact", "tcp_keepalive_s");
    static final List<String> FLOOD_KEYS = List.of("window_s", "max_requests", "ban_s", "table_size");
    static final List<String> SCANNER_KEYS = List.of("enabled", "user_agents");
    static final List<String> CARRIER_KEYS = List.of("name", "max_requests", "over_limit", "calls_per_second",
            "burst", "max_concurrent_calls");
    static final List<String> TRUNK_GROUP_KEYS = List.of("name", "calls_per_second", "burst", "max_concurrent_calls");

    static final int DEFAULT_WINDOW_S = 2;
    static final int DEFAULT_MAX_REQUESTS = 30;
    static final int DEFAULT_BAN_S = 60;
    /** 16,384 sources take about 1.5 MB; a spoofed flood from more addresses evicts the quietest. */
    static final int DEFAULT_TABLE_SIZE = 16_384;
    static final int DEFAULT_FORBIDDEN_PER_SECOND = 20;
    static final int DEFAULT_RETRY_AFTER_S = 5;

    private EdgeSection() {
    }

    static EdgeSettings read(ConfigNode node, SectionContext context) throws ConfigException {
        ConfigMap edge = node.isEmptyScalar() ? null : node.asMap(KEYS);
        if (edge == null) {
            return defaults();
        }
        List<AddressMatch> trusted = edge.has("trusted") ? addresses(edge.required("trusted")) : List.of();
        EdgeSettings.Flood flood = flood(edge.optional("flood").orElse(null));
        List<String> scanners = scanners(edge.optional("scanners").orElse(null));
        int forbidden = edge.optionalInt("forbidden_per_second", DEFAULT_FORBIDDEN_PER_SECOND, 1, 1_000_000);
        int retryAfter = edge.optionalInt("retry_after_s", DEFAULT_RETRY_AFTER_S, 1, 86_400);
        List<EdgeSettings.Limits> carriers = edge.has("carriers")
                ? limits(edge.required("carriers"), CARRIER_KEYS, carrierNames(context), "carrier", "sources.carriers")
                : List.of();
        List<EdgeSettings.Limits> groups = edge.has("trunk_groups")
                ? limits(edge.required("trunk_groups"), TRUNK_GROUP_KEYS, trunkGroupNames(context), "trunk group",
                        "routing.trunk_groups")
                : List.of();
        List<AddressMatch> nat = edge.has("fix_nated_contact") ? addresses(edge.required("fix_nated_contact"))
                : List.of();
        int keepalive = edge.optionalInt("tcp_keepalive_s", 0, 0, 3600);
        return new EdgeSettings(true, trusted, flood, scanners, forbidden, retryAfter, carriers, groups, nat,
                keepalive);
    }

    static EdgeSettings defaults() {
        return new EdgeSettings(true, List.of(), new EdgeSettings.Flood(DEFAULT_WINDOW_S * 1000L, DEFAULT_MAX_REQUESTS,
                DEFAULT_BAN_S * 1000L, DEFAULT_TABLE_SIZE), EdgeSettings.DEFAULT_SCANNERS, DEFAULT_FORBIDDEN_PER_SECOND,
                DEFAULT_RETRY_AFTER_S, List.of(), List.of(), List.of(), 0);
    }

    private static EdgeSettings.Flood flood(ConfigNode node) throws ConfigException {
        if (node == null || node.isEmptyScalar()) {
            return defaults().flood();
        }
        ConfigMap m = node.asMap(FLOOD_KEYS);
        int window = m.optionalInt("window_s", DEFAULT_WINDOW_S, 1, 3600);
        int max = m.optionalInt("max_requests", DEFAULT_MAX_REQUESTS, 0, 1_000_000);
        int ban = m.optionalInt("ban_s", DEFAULT_BAN_S, 1, 86_400);
        int size = m.optionalInt("table_size", DEFAULT_TABLE_SIZE, 64, 4_194_304);
        if (ban < window) {
            // A ban ends only after the source stayed under the threshold for all of it: at least one window.
            throw m.blame("ban_s", "window_s").error("ban_s " + ban + " is shorter than window_s " + window);
        }
        return new EdgeSettings.Flood(window * 1000L, max, ban * 1000L, size);
    }

    private static List<String> scanners(ConfigNode node) throws ConfigException {
        if (node == null || node.isEmptyScalar()) {
            return EdgeSettings.DEFAULT_SCANNERS;
        }
        ConfigMap m = node.asMap(SCANNER_KEYS);
        if (!m.optionalBoolean("enabled", true)) {
            return List.of();
        }
        if (!m.has("user_agents")) {
            return EdgeSettings.DEFAULT_SCANNERS;
        }
        List<String> agents = new ArrayList<>();
        for (ConfigNode item : m.required("user_agents").asNonEmptyList("User-Agent")) {
            agents.add(item.asText("a User-Agent substring").toLowerCase(Locale.ROOT));
        }
        return agents;
    }

    private static List<AddressMatch> addresses(ConfigNode list) throws ConfigException {
        List<AddressMatch> out = new ArrayList<>();
        for (ConfigNode item : list.asList()) {
            out.add(item.parse(SourceSpecs::parse, SourceSectionReader.SPEC_FORMS));
        }
        return out;
    }

    private static List<EdgeSettings.Limits> limits(ConfigNode list, List<String> keys, List<String> known,
                                                    String noun, String where) throws ConfigException {
        List<EdgeSettings.Limits> out = new ArrayList<>();
        Map<String, ConfigNode> seen = new HashMap<>();
        for (ConfigNode item : list.asList()) {
            ConfigMap m = item.asMap(keys);
            ConfigNode nameNode = m.required("name");
            String name = nameNode.asText("a " + noun + " name");
            if (known != null && !known.contains(name)) {
                throw nameNode.error("no " + noun + " '" + name + "' in " + where
                        + (known.isEmpty() ? "" : " (known: " + String.join(", ", known) + ")"));
            }
            ConfigNode earlier = seen.putIfAbsent(name, nameNode);
            if (earlier != null) {
                throw nameNode.error(noun + " '" + name + "' already has limits at " + earlier.describeLocation());
            }
            int maxRequests = m.optionalInt("max_requests", 0, 0, 10_000_000);
            boolean ban = false;
            if (m.has("over_limit")) {
                String action = m.required("over_limit").asText("reject or ban");
                if (!action.equals("reject") && !action.equals("ban")) {
                    throw m.required("over_limit").error("expected reject (503 with Retry-After) or ban, found '"
                            + action + "'");
                }
                ban = action.equals("ban");
            }
            int cps = m.optionalInt("calls_per_second", 0, 0, 1_000_000);
            int burst = m.optionalInt("burst", Math.max(1, (cps + 3) / 4), 1, 1_000_000);
            if (m.has("burst") && cps == 0) {
                throw m.required("burst").error("burst needs calls_per_second");
            }
            if (cps > 0 && burst > cps) {
                throw m.required("burst").error("burst " + burst + " is more than one second's worth ("
                        + cps + "); at most calls_per_second");
            }
            int concurrent = m.optionalInt("max_concurrent_calls", 0, 0, 10_000_000);
            out.add(new EdgeSettings.Limits(name, maxRequests, ban, cps, cps == 0 ? 0 : burst, concurrent));
        }
        return out;
    }

    private static List<String> carrierNames(SectionContext context) {
        return context.sources().carriers().stream().map(CarrierSettings::name).toList();
    }

    /** Null (not checked) for a config built in code without routing. */
    private static List<String> trunkGroupNames(SectionContext context) {
        return context.routing() == null ? null
                : context.routing().trunkGroups().stream().map(TrunkGroup::name).toList();
    }
}
