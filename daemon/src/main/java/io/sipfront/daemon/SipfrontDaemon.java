package io.sipfront.daemon;

import io.netty.channel.EventLoop;
import io.sipfront.config.ListenAddress;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.proxy.CallLog;
import io.sipfront.core.proxy.ProxyContext;
import io.sipfront.core.proxy.SipfrontProxy;
import io.sipfront.core.sip.SipParser;
import io.sipfront.core.time.Clock;
import io.sipfront.core.time.TimerWheel;
import io.sipfront.core.transport.NettyTransport;
import io.sipfront.core.transport.SystemdNotifier;
import io.sipfront.core.transport.TransportEventLoops;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One running Sipfront: event loops, lanes, the proxy and its sockets. */
public final class SipfrontDaemon implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SipfrontDaemon.class);
    /** Timer wheel granularity: fine enough for T1 = 500 ms retransmissions. */
    static final long TICK_MILLIS = 10;
    /** How often the stats line is logged; until the admin API and metrics exist, this is what operators see. */
    static final long STATS_SECONDS = 60;

    private final TransportEventLoops loops;
    private final NettyTransport transport;
    private final SipfrontProxy proxy;
    private final SystemdNotifier notifier;
    private final HaWiring ha;

    private SipfrontDaemon(TransportEventLoops loops, NettyTransport transport, SipfrontProxy proxy,
                           SystemdNotifier notifier, HaWiring ha) {
        this.loops = loops;
        this.transport = transport;
        this.proxy = proxy;
        this.notifier = notifier;
        this.ha = ha;
    }

    /** Binds every listen address and starts serving; throws if any socket cannot be bound. */
    public static SipfrontDaemon start(SipfrontConfig config) {
        SipParser.init();
        TransportEventLoops loops = TransportEventLoops.create(config.sip().workers());
        try {
            List<Lane> lanes = new ArrayList<>();
            List<EventLoop> eventLoops = loops.loops();
            for (int i = 0; i < eventLoops.size(); i++) {
                EventLoop loop = eventLoops.get(i);
                TimerWheel wheel = new TimerWheel(Clock.SYSTEM, TICK_MILLIS, 1024);
                lanes.add(new Lane(i, loop, loop::inEventLoop, wheel));
                loop.scheduleAtFixedRate(wheel::advance, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            }
            LateBoundSender sender = new LateBoundSender();
            ProxyContext context = ProxyContext.of(config, sender, CallLog.SLF4J);
            SipParser parser = new SipParser(config.limits().maxHeaders());
            long warmStart = System.nanoTime();
            int rounds = JitWarmup.run(parser);
            log.info("warmed up the parser with {} calls' messages in {} ms", rounds,
                    TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - warmStart));
            SipfrontProxy proxy = new SipfrontProxy(context, parser, lanes);
            boolean freebind = config.ha().map(io.sipfront.config.HaSettings::freebind).orElse(false);
            NettyTransport transport = NettyTransport.start(config.sip(), config.limits(), loops, proxy, freebind);
            sender.bind(transport);
            HaWiring ha = HaWiring.start(config, transport);
            SystemdNotifier notifier = SystemdNotifier.fromEnvironment(loops);
            SipfrontDaemon daemon = new SipfrontDaemon(loops, transport, proxy, notifier, ha);
            notifier.ready();
            if (notifier.isEnabled() && notifier.watchdogTimeout() != null) {
                long every = Math.max(1, notifier.watchdogTimeout().toMillis() / 2);
                eventLoops.get(0).scheduleAtFixedRate(notifier::watchdog, every, every, TimeUnit.MILLISECONDS);
            }
            eventLoops.get(0).scheduleAtFixedRate(() -> logStats(proxy, transport), STATS_SECONDS, STATS_SECONDS,
                    TimeUnit.SECONDS);
            log.info("Sipfront ready: listening on {} ({} lanes, {} transport), advertising {}:{}",
                    transport.boundAddresses().stream().map(ListenAddress::toString).collect(Collectors.joining(" ")),
                    lanes.size(), loops.isEpoll() ? "epoll" : "nio",
                    config.sip().advertisedHost(), config.sip().advertisedPort());
            return daemon;
        } catch (RuntimeException | Error e) {
            loops.close();
            throw e;
        }
    }

    private static void logStats(SipfrontProxy proxy, NettyTransport transport) {
        io.sipfront.core.proxy.ProxyStats s = proxy.context().stats();
        log.info("stats: transactions={} requests={} responses={} calls_2xx={} calls_3xx_6xx={} failovers={} "
                        + "parse_rejected={} parse_dropped={} unknown_source={} loops={} too_many_hops={} "
                        + "retransmissions_absorbed={} stray_responses_forwarded={} stray_responses_dropped={} "
                        + "internal_errors={} tcp_connections={} oversize_datagrams={} framing_errors={}",
                proxy.transactionCount(), s.requestsReceived.sum(), s.responsesReceived.sum(),
                s.callsByClass[2].sum(),
                s.callsByClass[3].sum() + s.callsByClass[4].sum() + s.callsByClass[5].sum() + s.callsByClass[6].sum(),
                s.failovers.sum(), s.parseRejected.sum(), s.parseDropped.sum(), s.unknownSource.sum(),
                s.loopsDetected.sum(), s.tooManyHops.sum(), s.retransmissionsAbsorbed.sum(),
                s.strayResponsesForwarded.sum(), s.strayResponsesDropped.sum(), s.internalErrors.sum(),
                transport.openConnections(),
                transport.stats().oversizeDatagramsDropped(), transport.stats().framingErrors());
    }

    public SipfrontProxy proxy() {
        return proxy;
    }

    public NettyTransport transport() {
        return transport;
    }

    /** Admin API routes this daemon contributes (the HA status when HA is on). */
    public List<io.sipfront.core.admin.AdminExtension> adminExtensions() {
        return ha.adminExtensions();
    }

    @Override
    public void close() {
        notifier.stopping();
        // The VIP goes to the peer before the listeners close, so no request meets a closed socket.
        ha.close();
        transport.close();
        try {
            loops.awaitTermination(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        loops.close();
        notifier.close();
        log.info("Sipfront stopped");
    }
}
