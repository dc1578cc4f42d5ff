package io.sipfront.daemon;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.netty.channel.EventLoop;
import io.sipfront.config.ListenAddress;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.HealthCheck;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.call.AuditObserver;
import io.sipfront.core.edge.EdgeAdmin;
import io.sipfront.core.edge.EdgeMetrics;
import io.sipfront.core.capture.CapturingSender;
import io.sipfront.core.capture.CapturingSink;
import io.sipfront.core.capture.HepCapture;
import io.sipfront.core.capture.HepCounters;
import io.sipfront.core.capture.HepSection;
import io.sipfront.core.call.CallLogObserver;
import io.sipfront.core.call.CallMetrics;
import io.sipfront.core.call.CallRecordObserver;
import io.sipfront.core.call.DestinationCallMetrics;
import io.sipfront.core.proxy.ProxyContext;
import io.sipfront.core.proxy.SipfrontProxy;
import io.sipfront.core.routing.AuditTrail;
import io.sipfront.core.routing.DestinationsAdmin;
import io.sipfront.core.routing.RoutingEngine;
import io.sipfront.core.sip.SipParser;
import io.sipfront.core.time.TimerWheel;
import io.sipfront.core.transport.NettyTransport;
import io.sipfront.core.transport.SystemdNotifier;
import io.sipfront.core.transport.TransportEventLoops;
import io.sipfront.ha.config.HaSection;
import io.sipfront.ha.config.HaSettings;
import io.sipfront.ha.config.SharedStateSection;
import io.sipfront.ha.config.SharedStateSettings;
import io.sipfront.ha.shared.SharedStateService;
import io.sipfront.normalization.NumberingService;
import io.sipfront.normalization.config.NormalizationSection;
import io.sipfront.normalization.store.StoreException;
import io.sipfront.redis.RedisSection;
import io.sipfront.redis.RedisSettings;
import io.sipfront.daemon.admin.AdminDispatcher;
import io.sipfront.daemon.admin.AdminServer;
import io.sipfront.daemon.admin.HealthEndpoint;
import io.sipfront.daemon.admin.LoopLiveness;
import io.sipfront.daemon.admin.MetricsEndpoint;
import io.sipfront.daemon.admin.TokenFiles;
import io.sipfront.daemon.metrics.JvmMetrics;
import io.sipfront.daemon.metrics.ProxyMetrics;
import io.sipfront.daemon.reload.ConfigFileWatcher;
import io.sipfront.daemon.reload.ConfigReloader;
import io.sipfront.daemon.reload.HangupSignal;
import io.sipfront.daemon.reload.ReloadEndpoint;
import io.sipfront.ha.shared.SharedStateService;
import io.sipfront.normalization.NumberingService;
import io.sipfront.normalization.store.StoreException;
import io.sipfront.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One running Sipfront: event loops, lanes, the proxy and its sockets; the metrics registry, config reloads and the
 * admin API around them.
 */
public final class SipfrontDaemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SipfrontDaemon.class);
    /** Timer wheel granularity: fine enough for T1 = 500 ms retransmissions. */
    static final long TICK_MILLIS = 10;
    /** How often the stats line is logged: what operators see in the log next to GET /metrics. */
    static final long STATS_SECONDS = 60;

    /** How long a SIP event loop may take to run a no-op before {@code /health/live} says it is stuck. */
    static final Duration LIVENESS_LIMIT = Duration.ofSeconds(2);

    private final TransportEventLoops loops;
    private final NettyTransport transport;
    private final SipfrontProxy proxy;
    private final SystemdNotifier notifier;
    private final NumberingService numbering;
    private final HaWiring ha;
    private final PrometheusMeterRegistry meters;
    private final JvmMetrics jvmMetrics;
    private final ConfigReloader reloader;
    private final SharedStateService sharedState;
    private final List<AdminExtension> adminExtensions;
    private final CarrierAccounts accounts;
    private final TlsWiring tls;
    private final DnsDestinations dns;
    private volatile boolean serving;
    private AdminServer admin;
    private HepCapture hep;
    private ConfigFileWatcher watcher;
    private ClusterWiring cluster;

    private SipfrontDaemon(TransportEventLoops loops, NettyTransport transport, SipfrontProxy proxy,
                           SystemdNotifier notifier, NumberingService numbering, PrometheusMeterRegistry meters,
                           JvmMetrics jvmMetrics, ConfigReloader reloader, HaWiring ha,
                           SharedStateService sharedState, CarrierAccounts accounts, TlsWiring tls,
                           DnsDestinations dns) {
        this.tls = tls;
        this.dns = dns;
        this.loops = loops;
        this.transport = transport;
        this.proxy = proxy;
        this.notifier = notifier;
        this.numbering = numbering;
        this.ha = ha;
        this.meters = meters;
        this.jvmMetrics = jvmMetrics;
        this.reloader = reloader;
        this.sharedState = sharedState;
        this.accounts = accounts;
        List<AdminExtension> extensions = new ArrayList<>();
        extensions.add(accounts.adminExtension());
        extensions.add(new DestinationsAdmin(proxy.context().routing()));
        extensions.add(new EdgeAdmin(proxy.context().edge()));
        extensions.add(dns.admin().bind(meters));
        if (numbering != null) {
            extensions.add(numbering.adminExtension());
        }
        extensions.addAll(ha.adminExtensions());
        if (sharedState != null) {
            extensions.add(sharedState.adminExtension());
        }
        this.adminExtensions = List.copyOf(extensions);
    }

    /** Binds every listen address and starts serving; throws if any socket cannot be bound. */
    public static SipfrontDaemon start(SipfrontConfig config) {
        return start(config, List.of());
    }

    /**
     * The same, serving {@code extensions}' admin routes and health checks next to the daemon's own
     * ({@code /health}, {@code /metrics}, {@code /api/v1/reload}).
     */
    public static SipfrontDaemon start(SipfrontConfig config, List<AdminExtension> extensions) {
        SipParser.init();
        // Created first so that every component built below can register its meters.
        PrometheusMeterRegistry meters = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        JvmMetrics jvmMetrics = new JvmMetrics(meters);
        NumberingService numbering = startNumbering(config, meters);
        TransportEventLoops loops = TransportEventLoops.create(config.sip().workers());
        SipfrontDaemon started = null;
        SharedStateService sharedState = null;
        CarrierAccounts accounts = null;
        TlsWiring tls = null;
        DnsDestinations dns = null;
        HepCapture hep = null;
        try {
            LateBoundSender sender = new LateBoundSender();
            List<Lane> lanes = new ArrayList<>();
            List<EventLoop> eventLoops = loops.loops();
            for (int i = 0; i < eventLoops.size(); i++) {
                EventLoop loop = eventLoops.get(i);
                TimerWheel wheel = new TimerWheel(Clock.SYSTEM, TICK_MILLIS, 1024);
                Lane lane = new Lane(i, loop, loop::inEventLoop, wheel, sender, config.timers());
                lanes.add(lane);
                loop.scheduleAtFixedRate(wheel::advance, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
                // Answered calls whose BYE never came are ended (slot back, call record written) even on a quiet lane.
                loop.scheduleAtFixedRate(() -> lane.state().establishedCalls.expire(Clock.SYSTEM.nanoTime()),
                        STATS_SECONDS, STATS_SECONDS, TimeUnit.SECONDS);
            }
            dns = DnsDestinations.start(config.section(DnsSection.SECTION));
            RoutingEngine routing = new RoutingEngine(dns.expand(config), Clock.SYSTEM, meters);
            ProxyContext context = ProxyContext.of(config, sender, routing, List.of(
                    new AuditObserver(AuditTrail.SLF4J), new CallMetrics(meters), new DestinationCallMetrics(meters,
                            config), new CallLogObserver(), new CallRecordObserver()))
                    .withHostNames(dns.routeHostNames());
            if (numbering != null) {
                context = context.withRewriter(numbering.rewriter());
            }
            accounts = CarrierAccounts.share(config);
            context = accounts.attach(context);
            SipParser parser = new SipParser(config.limits().maxHeaders());
            long warmStart = System.nanoTime();
            int rounds = JitWarmup.run(parser);
            log.info("warmed up the parser with {} calls' messages in {} ms", rounds,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - warmStart));
            SipfrontProxy proxy = new SipfrontProxy(context, parser, lanes);
            DnsDestinations names = dns;
            names.follow(config, proxy::apply);
            boolean freebind = config.section(HaSection.SECTION).map(HaSettings::freebind).orElse(false);
            tls = TlsWiring.start(config, meters);
            hep = HepCapture.start(config.section(HepSection.SECTION), HepCounters.register(meters),
                    java.time.Clock.systemUTC());
            NettyTransport transport = NettyTransport.start(config.sip(), config.limits(), loops,
                    CapturingSink.of(proxy, hep), freebind, tls.transport());
            sender.bind(CapturingSender.of(transport, hep, transport.boundAddresses(),
                    io.sipfront.net.IpLiteral.parseHost(config.sip().advertisedHost())));
            transport.sendKeepAlives(context.edge().settings().tcpKeepaliveSeconds());
            // After the sockets: a peer's hint makes the prober send an OPTIONS at once.
            sharedState = startSharedState(config, routing, meters);
            ProxyMetrics.bind(meters, proxy, transport);
            EdgeMetrics.bind(meters, context.edge());
            HaWiring ha = HaWiring.start(config, transport, meters);
            accounts.startRegistrations(config, lanes, context, ha, meters);
            SystemdNotifier notifier = SystemdNotifier.fromEnvironment(loops);
            ConfigReloader reloader = config.source() == null ? null
                    : new ConfigReloader(config.source(), config, c -> names.follow(c, proxy::apply),
                            java.time.Clock.systemUTC(), meters);
            SipfrontDaemon daemon = new SipfrontDaemon(loops, transport, proxy, notifier, numbering, meters,
                    jvmMetrics, reloader, ha, sharedState, accounts, tls, dns);
            daemon.hep = hep;
            started = daemon;
            daemon.cluster = ClusterWiring.start(config, proxy);
            List<AdminExtension> all = new ArrayList<>(daemon.adminExtensions);
            all.addAll(daemon.cluster.adminExtensions());
            all.addAll(extensions);
            daemon.startAdmin(config, all);
            daemon.startReloadTriggers();
            daemon.serving = true;
            notifier.ready();
            if (notifier.isEnabled() && notifier.watchdogTimeout() != null) {
                long every = Math.max(1, notifier.watchdogTimeout().toMillis() / 2);
                eventLoops.get(0).scheduleAtFixedRate(notifier::watchdog, every, every, TimeUnit.MILLISECONDS);
            }
            eventLoops.get(0).scheduleAtFixedRate(() -> logStats(proxy, transport), STATS_SECONDS, STATS_SECONDS,
                    TimeUnit.SECONDS);
            // A ban's end is logged and counted when it happens, even if the source has gone quiet.
            eventLoops.get(0).scheduleAtFixedRate(proxy::sweepEdge, 1, 1, TimeUnit.SECONDS);
            log.info("Sipfront ready: listening on {} ({} lanes, {} transport), advertising {}:{}",
                    transport.boundAddresses().stream().map(ListenAddress::toString).collect(Collectors.joining(" ")),
                    lanes.size(), loops.isEpoll() ? "epoll" : "nio",
                    config.sip().advertisedHost(), config.sip().advertisedPort());
            return daemon;
        } catch (RuntimeException | Error e) {
            if (started != null) {
                if (started.cluster != null) {
                    started.cluster.close();
                }
                started.ha.close();
                started.closeExtras();
            }
            if (accounts != null) {
                accounts.close(false);
            }
            if (sharedState != null) {
                sharedState.close();
            }
            if (tls != null) {
                tls.close();
            }
            if (dns != null) {
                dns.close();
            }
            if (hep != null) {
                hep.close();
            }
            loops.close();
            if (numbering != null) {
                numbering.close();
            }
            jvmMetrics.close();
            throw e;
        }
    }

    /** Number normalization when the config has a {@code normalization} section; null otherwise. */
    private static NumberingService startNumbering(SipfrontConfig config, MeterRegistry meters) {
        if (!config.section(NormalizationSection.SECTION).enabled()) {
            return null;
        }
        try {
            return NumberingService.start(config, meters);
        } catch (StoreException e) {
            throw new IllegalStateException("numbering store: " + e.getMessage(), e);
        }
    }

    /**
     * Destination health and operator actions shared with the peer when {@code shared_state} is enabled; null
     * otherwise. Waits for the first sync one Redis connect plus command timeout, at least 2 s (a cold JVM's first
     * connection is slow) and at most 5 s, and starts anyway without Redis.
     */
    private static SharedStateService startSharedState(SipfrontConfig config, RoutingEngine routing,
                                                       MeterRegistry meters) {
        SharedStateSettings settings = config.section(SharedStateSection.SECTION);
        if (!settings.enabled()) {
            return null;
        }
        RedisSettings redis = config.section(RedisSection.SECTION);
        Duration wait = Duration.ofMillis(Math.min(5_000, Math.max(2_000,
                (long) redis.connectTimeoutMs() + redis.timeoutMs())));
        return SharedStateService.start(settings, redis, routing, Clock.SYSTEM, meters, wait);
    }

    private void startAdmin(SipfrontConfig config, List<AdminExtension> extensions) {
        if (!config.admin().enabled()) {
            log.info("admin API disabled (admin.enabled: false)");
            return;
        }
        List<AdminExtension> all = new ArrayList<>();
        all.add(new HealthEndpoint(() -> healthChecks(all), this::isServing,
                new LoopLiveness(loops.loops(), LIVENESS_LIMIT), cluster.readinessFilter()));
        all.add(new MetricsEndpoint(meters));
        if (reloader != null) {
            all.add(new ReloadEndpoint(reloader));
        }
        all.addAll(extensions);
        AdminDispatcher dispatcher = AdminDispatcher.of(all, TokenFiles.forDaemon(config.admin()));
        admin = AdminServer.start(config.admin().listen(), dispatcher);
    }

    private static List<HealthCheck> healthChecks(List<AdminExtension> extensions) {
        List<HealthCheck> checks = new ArrayList<>();
        extensions.forEach(e -> checks.addAll(e.healthChecks()));
        return checks;
    }

    /** File changes and SIGHUP reload the config the daemon was started with. */
    private void startReloadTriggers() {
        if (reloader == null) {
            return;
        }
        try {
            watcher = ConfigFileWatcher.start(reloader.file(), ConfigFileWatcher.DEFAULT_DEBOUNCE,
                    () -> reloader.reload("file-change"));
        } catch (java.io.IOException e) {
            log.warn("cannot watch {} for changes ({}); reload with SIGHUP or POST /api/v1/reload",
                    reloader.file(), e.toString());
        }
        HangupSignal.install(() -> reloader.reload("sighup"));
    }

    /** Ready for traffic: every SIP socket bound and not shutting down. */
    public boolean isServing() {
        return serving;
    }

    private void closeExtras() {
        if (watcher != null) {
            watcher.close();
        }
        if (admin != null) {
            admin.close();
        }
    }

    private static void logStats(SipfrontProxy proxy, NettyTransport transport) {
        io.sipfront.core.proxy.ProxyStats s = proxy.context().stats();
        log.info("stats: transactions={} requests={} responses={} calls_2xx={} calls_3xx_6xx={} failovers={} "
                        + "parse_rejected={} parse_dropped={} unknown_source={} loops={} too_many_hops={} "
                        + "retransmissions_absorbed={} stray_responses_forwarded={} stray_responses_dropped={} "
                        + "internal_errors={} tcp_connections={} oversize_datagrams={} framing_errors={}",
                proxy.transactionCount(), s.requestsReceived.sum(), s.responsesReceived.sum(),
                s.calls.answered(2),
                s.calls.answered(3) + s.calls.answered(4) + s.calls.answered(5) + s.calls.answered(6),
                s.failovers.sum(), s.parseRejected.sum(), s.parseDropped.sum(), s.unknownSource.sum(),
                s.loopsDetected.sum(), s.tooManyHops.sum(), s.retransmissionsAbsorbed.sum(),
                s.strayResponsesForwarded.sum(), s.strayResponsesDropped.sum(), s.internalErrors.sum(),
                transport.openConnections(),
                transport.stats().oversizeDatagramsDropped(), transport.stats().framingErrors());
    }

    public SipfrontProxy proxy() {
        return proxy;
    }

    /**
     * A reloaded, fully validated config: new calls are classified and routed by it, calls in progress are
     * untouched, and destinations that still exist keep their health (see {@link SipfrontProxy#apply}).
     */
    public void apply(SipfrontConfig config) {
        proxy.apply(config);
    }

    /** What this daemon's modules contribute to the admin API: destinations and rules, numbering, HA status. */
    public List<AdminExtension> adminExtensions() {
        return adminExtensions;
    }

    /** Health and operator actions shared with the peer, or {@code null} when {@code shared_state} is off. */
    public SharedStateService sharedState() {
        return sharedState;
    }

    public NettyTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        serving = false;
        notifier.stopping();
        // A cluster node keeps serving, /health/ready answering 503, until the balancer has moved on.
        if (cluster != null) {
            cluster.drain();
        }
        // Unregister while the sockets are open; not in a pair, where the peer refreshes the same binding.
        accounts.stop(ha);
        if (cluster != null) {
            cluster.close();
        }
        // The VIP goes to the peer before the listeners close, so no request meets a closed socket.
        ha.close();
        closeExtras();
        if (sharedState != null) {
            sharedState.close();
        }
        transport.close();
        tls.close();
        dns.close();
        if (hep != null) {
            hep.close();
        }
        try {
            loops.awaitTermination(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loops.close();
        if (numbering != null) {
            numbering.close();
        }
        notifier.close();
        jvmMetrics.close();
        meters.close();
        log.info("Sipfront stopped");
    }
}
