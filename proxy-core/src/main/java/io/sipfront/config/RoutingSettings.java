package io.sipfront.config;

import java.util.List;

/**
 * Where new calls go.
 *
 * @param inboundSet        calls from a carrier go to this set (the platform) when no rule takes them
 * @param outboundSet       calls from the platform go to this set (the carriers) when no rule takes them
 * @param trunkGroups       named lists of sets tried one after the other (primary, secondary, tertiary)
 * @param rules             tried in order; the first that matches and has an available trunk group wins
 * @param retryAfterSeconds the {@code Retry-After} of the 503 sent when no destination can take a call
 */
public record RoutingSettings(String inboundSet, String outboundSet, List<TrunkGroup> trunkGroups,
                              List<RoutingRule> rules, int retryAfterSeconds) {
    public static final int DEFAULT_RETRY_AFTER_SECONDS = 30;

    public RoutingSettings {
        trunkGroups = List.copyOf(trunkGroups);
        rules = List.copyOf(rules);
    }

    /** The first version: one set per direction, no rules. */
    public RoutingSettings(String inboundSet, String outboundSet) {
        this(inboundSet, outboundSet, List.of(), List.of(), DEFAULT_RETRY_AFTER_SECONDS);
    }

    public TrunkGroup trunkGroup(String name) {
        for (TrunkGroup g : trunkGroups) {
            if (g.name().equals(name)) {
                return g;
            }
        }
        return null;
    }
}
