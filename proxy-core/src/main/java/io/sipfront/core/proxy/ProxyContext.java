package io.sipfront.core.proxy;

import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.call.CallObserver;
import io.sipfront.core.routing.RoutingEngine;
import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.core.tls.TlsSection;
import io.sipfront.core.tls.TlsSettings;
import io.sipfront.core.transport.SipSender;
import java.util.ArrayList;
import java.util.List;

/**
 * What every lane shares: settings fixed at start-up and thread-safe collaborators. Sources and routing follow
 * reloads through {@link SourceClassifier#update} and {@link RoutingEngine#apply}.
 *
 * @param observer told about every call setup: the {@code stats:} counters in {@link ProxyStats#calls} and the
 *                 observers given to {@link #of}
 * @param hostNames host names in Route headers of in-dialog requests, from the DNS cache
 */
public record ProxyContext(SipfrontConfig config, LocalIdentity identity, SourceClassifier classifier,
                           SipSender sender, ProxyStats stats, RoutingEngine routing, RequestRewriter rewriter,
                           CallObserver observer, RouteHostNames hostNames) {

    /**
     * @param observers the audit trail, meters, call log, … (the {@code stats:} counters are added here)
     */
    public static ProxyContext of(SipfrontConfig config, SipSender sender, RoutingEngine routing,
                                  List<CallObserver> observers) {
        ProxyStats stats = new ProxyStats();
        List<CallObserver> all = new ArrayList<>(observers.size() + 1);
        all.add(stats.calls);
        all.addAll(observers);
        TlsSettings tls = config.section(TlsSection.SECTION);
        LocalIdentity identity = new LocalIdentity(config.sip(), tls.advertisedHost(), tls.advertisedPort());
        return new ProxyContext(config, identity, new SourceClassifier(config.sources()),
                sender, stats, routing, RequestRewriter.NONE, CallObserver.all(all), RouteHostNames.NONE);
    }

    /** The same context with number normalization applied to new calls. */
    public ProxyContext withRewriter(RequestRewriter r) {
        return new ProxyContext(config, identity, classifier, sender, stats, routing, r, observer, hostNames);
    }

    /** The same context with host names in Route headers resolved by {@code names}. */
    public ProxyContext withHostNames(RouteHostNames names) {
        return new ProxyContext(config, identity, classifier, sender, stats, routing, rewriter, observer, names);
    }
}
