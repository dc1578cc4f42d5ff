package io.sipfront.core.routing;

import io.sipfront.config.RoutingSettings;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.dispatcher.DestinationSet;
import java.util.Map;

/** The routing part of one validated config: swapped as a whole by a reload, so a call sees one version of it. */
public record RoutingTable(Map<String, DestinationSet> sets, RoutingSettings routing) {
    public RoutingTable {
        sets = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(sets));
    }

    public static RoutingTable of(SipfrontConfig config) {
        return new RoutingTable(config.destinationSets(), config.routing());
    }
}
