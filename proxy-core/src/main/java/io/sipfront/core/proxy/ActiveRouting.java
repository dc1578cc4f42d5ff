package io.sipfront.core.proxy;

import io.sipfront.config.RoutingSettings;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.dispatcher.DestinationSet;
import java.util.Map;

/**
 * The routing and destination sets new calls use. A reload swaps both in one write, so a call never sees the
 * routing of one config with the sets of another; calls already in progress keep the hops they were given.
 */
public final class ActiveRouting {
    private record Table(RoutingSettings routing, Map<String, DestinationSet> sets) {
    }

    private volatile Table table;

    public ActiveRouting(SipfrontConfig config) {
        update(config);
    }

    public void update(SipfrontConfig config) {
        table = new Table(config.routing(), config.destinationSets());
    }

    /** The destination set that serves new calls from {@code source}. */
    public DestinationSet setFor(Source source) {
        Table t = table;
        String name = source.kind() == Source.Kind.CARRIER ? t.routing.inboundSet() : t.routing.outboundSet();
        return t.sets.get(name);
    }
}
