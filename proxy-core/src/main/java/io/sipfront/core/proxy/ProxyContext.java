package io.sipfront.core.proxy;

import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.routing.RoutingEngine;
import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.core.transport.SipSender;
import io.sipfront.dispatcher.Destination;
import io.sipfront.dispatcher.DestinationSet;
import io.sipfront.time.Clock;

/**
 * What every lane shares: settings fixed at start-up and thread-safe collaborators. Sources and routing follow
 * reloads through {@link SourceClassifier#update} and {@link RoutingEngine#apply}.
 */
public record ProxyContext(SipfrontConfig config, LocalIdentity identity, SourceClassifier classifier,
                           SipSender sender, ProxyStats stats, CallLog callLog, RoutingEngine routing,
                           RequestRewriter rewriter) {

    public static ProxyContext of(SipfrontConfig config, SipSender sender, CallLog callLog) {
        return of(config, sender, callLog, RoutingEngine.withoutMetrics(config, Clock.SYSTEM));
    }

    /** The same context with number normalization applied to new calls. */
    public ProxyContext withRewriter(RequestRewriter r) {
        return new ProxyContext(config, identity, classifier, sender, stats, callLog, routing, r);
    }

    /** The carrier whose number rules apply to calls sent to {@code destination}, or null. */
    public String carrierOf(Destination destination) {
        return destination.carrier().orElse(null);
    }

    public static ProxyContext of(SipfrontConfig config, SipSender sender, CallLog callLog, RoutingEngine routing) {
        return new ProxyContext(config, new LocalIdentity(config.sip()), new SourceClassifier(config.sources()),
                sender, new ProxyStats(), callLog, routing, RequestRewriter.NONE);
    }

    /** The default destination set for new calls from {@code source} (when no routing rule takes them). */
    public DestinationSet destinationsFor(Source source) {
        var table = routing.table();
        String name = source.kind() == Source.Kind.CARRIER ? table.routing().inboundSet()
                : table.routing().outboundSet();
        return table.sets().get(name);
    }
}
