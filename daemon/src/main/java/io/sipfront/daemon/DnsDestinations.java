package io.sipfront.daemon;

import io.sipfront.config.SipfrontConfig;
import io.sipfront.dispatcher.Destination;
import io.sipfront.dispatcher.DestinationSet;
import io.sipfront.net.Transport;
import io.sipfront.resolver.DnsEventListener;
import io.sipfront.resolver.DnsSettings;
import io.sipfront.resolver.ResolvedTarget;
import io.sipfront.resolver.Resolution;
import io.sipfront.resolver.SipServerLocator;
import io.sipfront.resolver.TargetUri;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Destinations named by host: each is resolved per RFC 3263 in the background ({@link SipServerLocator}) and every
 * address of every SRV target becomes a destination of its own ({@code parent/target}), with its own health, probes
 * and limits, ordered by SRV priority and spread by weight (the set's {@code srv} algorithm). Whenever an answer
 * changes the routing table is applied again with the new targets; a reload keeps the health of destinations that
 * still exist. A DNS failure changes nothing: the last answers keep serving (serve-stale), and a name never resolved
 * stays one destination whose sends fail at once, so a call goes on to the next destination. Look-ups never run on
 * an event loop.
 */
final class DnsDestinations implements DnsEventListener, AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(DnsDestinations.class);

    private final SipServerLocator locator;
    /** Applies re-expanded tables one at a time, in order, off the DNS threads. */
    private final ExecutorService applier = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "sipfront-dns-apply");
        t.setDaemon(true);
        return t;
    });
    private volatile SipfrontConfig config;
    private volatile Consumer<SipfrontConfig> sink = c -> { };

    private DnsDestinations(DnsSettings settings) {
        this.locator = SipServerLocator.start(settings, this);
    }

    static DnsDestinations start(DnsSettings settings) {
        return new DnsDestinations(settings);
    }

    /** From now on {@code apply} gets {@code raw} with its names expanded, now and after each DNS change. */
    void follow(SipfrontConfig raw, Consumer<SipfrontConfig> apply) {
        config = raw;
        sink = apply;
        for (DestinationSet set : raw.destinationSets().values()) {
            for (Destination d : set.destinations()) {
                if (d.address().isUnresolved()) {
                    locator.resolve(targetUri(d)); // answers arrive through resolutionChanged
                }
            }
        }
        apply.accept(expand(raw));
    }

    /** The resolver's counters and current problems, for the API and the meters. */
    DnsAdmin admin() {
        return new DnsAdmin(locator.stats());
    }

    /** Host names of in-dialog Route headers, served from the same cache. */
    DnsRouteHosts routeHostNames() {
        return new DnsRouteHosts(locator::cached);
    }

    @Override
    public void resolutionChanged(Resolution resolution) {
        log.info("DNS: {} now resolves to {} ({}{})", resolution.uri(), resolution.targets(), resolution.via(),
                resolution.stale() ? ", stale" : "");
        SipfrontConfig raw = config;
        if (raw != null) {
            applier.execute(() -> sink.accept(expand(config)));
        }
    }

    @Override
    public void queryFailed(String name, String type, String reason) {
        log.warn("DNS: {} {} failed at every resolver: {} (the last answers keep serving)", name, type, reason);
    }

    /** {@code raw} with every name destination replaced by its known targets (itself while none is known). */
    SipfrontConfig expand(SipfrontConfig raw) {
        Map<String, DestinationSet> sets = new LinkedHashMap<>();
        for (DestinationSet set : raw.destinationSets().values()) {
            List<Destination> out = new ArrayList<>();
            for (Destination d : set.destinations()) {
                out.addAll(d.address().isUnresolved() ? targets(d) : List.of(d));
            }
            sets.put(set.name(), new DestinationSet(set.name(), set.algorithm(), out, set.policy()));
        }
        return new SipfrontConfig(raw.source(), raw.sip(), raw.timers(), raw.limits(), raw.proxy(), raw.sources(),
                raw.routing(), sets, raw.sections());
    }

    private List<Destination> targets(Destination parent) {
        Optional<Resolution> known = locator.cached(targetUri(parent));
        List<Destination> out = new ArrayList<>();
        if (known.isPresent()) {
            for (ResolvedTarget t : known.get().targets()) {
                List<InetAddress> addresses = t.addresses();
                for (InetAddress a : addresses) {
                    String id = parent.id() + "/" + t.host() + (addresses.size() > 1 ? "/" + a.getHostAddress() : "");
                    out.add(new Destination(id, parent.uri(), new InetSocketAddress(a, t.port()),
                            Transport.valueOf(t.transport().name()), t.weight() == 0 && t.priority() == 0
                                    ? parent.priority() : t.priority(), Math.max(1, t.weight()),
                            parent.maxCalls(), parent.maxCps(), parent.carrier(),
                            parent.options().withParent(parent.id())));
                }
            }
        }
        return out.isEmpty() ? List.of(parent) : out;
    }

    static TargetUri targetUri(Destination d) {
        var o = d.options();
        io.sipfront.resolver.Transport transport = o.explicitTransport() || o.sips()
                ? io.sipfront.resolver.Transport.valueOf(d.transport().name()) : null;
        return new TargetUri(d.domain(), o.explicitPort() ? d.address().getPort() : 0, transport, o.sips());
    }

    @Override
    public void close() {
        applier.shutdownNow();
        locator.close();
    }
}
