package io.sipfront.core.proxy;

import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.cluster.ClusterPeers;
import io.sipfront.core.cluster.ClusterSection;
import io.sipfront.core.call.CallObserver;
import io.sipfront.core.edge.EdgeProtection;
import io.sipfront.core.routing.RoutingEngine;
import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.core.transport.SipSender;
import java.util.ArrayList;
import java.util.List;

/**
 * What every lane shares: settings fixed at start-up and thread-safe collaborators. Sources and routing follow
 * reloads through {@link SourceClassifier#update} and {@link RoutingEngine#apply}.
 *
 * @param observer told about every call setup: the {@code stats:} counters in {@link ProxyStats#calls} and the
 *                 observers given to {@link #of}
 * @param edge     flood bans, scanners, the 403 budget, inbound call limits, NAT (the {@code edge} section)
 */
public record ProxyContext(SipfrontConfig config, LocalIdentity identity, SourceClassifier classifier,
                           SipSender sender, ProxyStats stats, RoutingEngine routing, RequestRewriter rewriter,
                           CallObserver observer, EdgeProtection edge) {

    /**
     * @param observers the audit trail, meters, call log, … (the {@code stats:} counters are added here)
     */
    public static ProxyContext of(SipfrontConfig config, SipSender sender, RoutingEngine routing,
                                  List<CallObserver> observers) {
        ProxyStats stats = new ProxyStats();
        List<CallObserver> all = new ArrayList<>(observers.size() + 1);
        all.add(stats.calls);
        all.addAll(observers);
        return new ProxyContext(config, new LocalIdentity(config.sip(),
                new ClusterPeers(config.section(ClusterSection.SECTION))), new SourceClassifier(config.sources()),
                sender, stats, routing, RequestRewriter.NONE, CallObserver.all(all),
                new EdgeProtection(config, routing.clock()));
    }

    /** The same context with number normalization applied to new calls. */
    public ProxyContext withRewriter(RequestRewriter r) {
        return new ProxyContext(config, identity, classifier, sender, stats, routing, r, observer, edge);
    }
}
