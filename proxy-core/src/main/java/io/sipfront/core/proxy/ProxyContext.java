package io.sipfront.core.proxy;

import io.sipfront.config.AccountsSection;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.cluster.ClusterPeers;
import io.sipfront.core.cluster.ClusterSection;
import io.sipfront.core.auth.CarrierAuth;
import io.sipfront.core.auth.CseqShare;
import io.sipfront.core.call.CallObserver;
import io.sipfront.core.edge.EdgeProtection;
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
 * @param edge      flood bans, scanners, the 403 budget, inbound call limits, NAT (the {@code edge} section)
 * @param auth      the carriers' accounts: challenges answered for them, dialog CSeq offsets
 * @param hostNames host names in Route headers of in-dialog requests, from the DNS cache
 */
public record ProxyContext(SipfrontConfig config, LocalIdentity identity, SourceClassifier classifier,
                           SipSender sender, ProxyStats stats, RoutingEngine routing, RequestRewriter rewriter,
                           CallObserver observer, EdgeProtection edge, CarrierAuth auth, RouteHostNames hostNames) {

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
        LocalIdentity identity = new LocalIdentity(config.sip(), tls.advertisedHost(), tls.advertisedPort(),
                new ClusterPeers(config.section(ClusterSection.SECTION)));
        return new ProxyContext(config, identity, new SourceClassifier(config.sources()),
                sender, stats, routing, ContactUsers.wrap(config, RequestRewriter.NONE), CallObserver.all(all),
                new EdgeProtection(config, routing.clock()),
                new CarrierAuth(config.section(AccountsSection.SECTION), CseqShare.NONE), RouteHostNames.NONE);
    }

    /**
     * The same context with number normalization applied to new calls (after a call to a registered contact gets
     * the called number from To, {@link ContactUsers}).
     */
    public ProxyContext withRewriter(RequestRewriter r) {
        return new ProxyContext(config, identity, classifier, sender, stats, routing, ContactUsers.wrap(config, r),
                observer, edge, auth, hostNames);
    }

    /** The same context with dialog CSeq offsets shared with the other node of a pair. */
    public ProxyContext withCseqShare(CseqShare share) {
        return new ProxyContext(config, identity, classifier, sender, stats, routing, rewriter, observer, edge,
                auth.sharedThrough(share), hostNames);
    }

    /** The same context with host names in Route headers resolved by {@code names}. */
    public ProxyContext withHostNames(RouteHostNames names) {
        return new ProxyContext(config, identity, classifier, sender, stats, routing, rewriter, observer, edge, auth,
                names);
    }
}
