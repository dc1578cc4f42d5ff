package io.sipfront.daemon;

import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.core.admin.HealthCheck;
import io.sipfront.core.routing.DestinationsAdmin;
import io.sipfront.core.cluster.ClusterPeers;
import io.sipfront.core.cluster.ClusterSection;
import io.sipfront.core.cluster.ClusterSettings;
import io.sipfront.core.cluster.PeerWatch;
import io.sipfront.core.proxy.SipfrontProxy;
import io.sipfront.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Active-active mode when the config has a {@code cluster} section: the watch on the peers (responses for a live
 * peer's transactions are relayed to it), the drain on stop, and {@code GET /api/v1/cluster}. Nothing otherwise.
 */
final class ClusterWiring implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ClusterWiring.class);

    private final ClusterSettings settings;
    private final ClusterPeers peers;
    private final SipfrontProxy proxy;
    private final PeerWatch watch;

    private ClusterWiring(ClusterSettings settings, ClusterPeers peers, SipfrontProxy proxy, PeerWatch watch) {
        this.settings = settings;
        this.peers = peers;
        this.proxy = proxy;
        this.watch = watch;
    }

    static ClusterWiring start(SipfrontConfig config, SipfrontProxy proxy) {
        ClusterSettings settings = config.section(ClusterSection.SECTION);
        if (!settings.enabled()) {
            return new ClusterWiring(settings, ClusterPeers.NONE, proxy, null);
        }
        ClusterPeers peers = proxy.context().identity().cluster();
        log.info("cluster node {} with peers {}; Via and Record-Route name the front address {}:{}",
                settings.nodeId(), settings.peers().stream().map(ClusterSettings.Peer::id).toList(),
                config.sip().advertisedHost(), config.sip().advertisedPort());
        return new ClusterWiring(settings, peers, proxy,
                PeerWatch.start(peers, settings.peerCheckMs(), Clock.SYSTEM));
    }

    /** On stop, after readiness turned 503: keeps serving until the balancer has moved on and calls are answered. */
    void drain() {
        if (!settings.enabled()) {
            return;
        }
        try {
            long took = ClusterDrain.run(settings.drainMinMs(), settings.drainMaxMs(), this::unansweredInvites,
                    Clock.SYSTEM, Thread::sleep);
            log.info("drained in {} ms ({} INVITEs still unanswered)", took, unansweredInvites());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private int unansweredInvites() {
        try {
            return proxy.unansweredInvites().get(1, TimeUnit.SECONDS);
        } catch (Exception e) {
            return -1; // lanes too busy to answer: keep waiting, within drain_max_ms
        }
    }

    /**
     * Which health checks may make {@code /health/ready} 503. Behind a balancer, no destination left in a set is
     * what every node sees alike: answering 503 for it would take every node out and turn the carriers' outage into
     * ours (every call unanswered instead of a 503). So in a cluster readiness is this node's own state only.
     */
    Predicate<HealthCheck> readinessFilter() {
        return settings.enabled() ? c -> !DestinationsAdmin.HEALTH_CHECK.equals(c.name()) : c -> true;
    }

    List<AdminExtension> adminExtensions() {
        if (!settings.enabled()) {
            return List.of();
        }
        return List.of(() -> List.of(AdminRoute.get("/api/v1/cluster", r -> AdminReply.json(200, status()))));
    }

    private Map<String, Object> status() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("node", peers.self());
        List<Map<String, Object>> list = new ArrayList<>();
        for (ClusterPeers.PeerState p : peers.peers()) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("id", p.peer().id());
            one.put("sip", p.peer().sip().toString());
            one.put("alive", p.alive());
            one.put("changed_at_ms", p.changedAtMillis());
            list.add(one);
        }
        body.put("peers", list);
        body.put("responses_relayed", proxy.context().stats().responsesRelayedToPeer.sum());
        return body;
    }

    @Override
    public void close() {
        if (watch != null) {
            watch.close();
        }
    }
}
