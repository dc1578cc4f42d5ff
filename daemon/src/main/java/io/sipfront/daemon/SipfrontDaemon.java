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

    private final TransportEventLoops loops;
    private final NettyTransport transport;
    private final SipfrontProxy proxy;
    private final SystemdNotifier notifier;

    private SipfrontDaemon(TransportEventLoops loops, NettyTransport transport, SipfrontProxy proxy,
                           SystemdNotifier notifier) {
        this.loops = loops;
        this.transport = transport;
        this.proxy = proxy;
        this.notifier = notifier;
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
            SipfrontProxy proxy = new SipfrontProxy(context, new SipParser(config.limits().maxHeaders()), lanes);
            NettyTransport transport = NettyTransport.start(config.sip(), config.limits(), loops, proxy);
            sender.bind(transport);
            SystemdNotifier notifier = SystemdNotifier.fromEnvironment(loops);
            SipfrontDaemon daemon = new SipfrontDaemon(loops, transport, proxy, notifier);
            notifier.ready();
            if (notifier.isEnabled() && notifier.watchdogTimeout() != null) {
                long every = Math.max(1, notifier.watchdogTimeout().toMillis() / 2);
                eventLoops.get(0).scheduleAtFixedRate(notifier::watchdog, every, every, TimeUnit.MILLISECONDS);
            }
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

    public SipfrontProxy proxy() {
        return proxy;
    }

    public NettyTransport transport() {
        return transport;
    }

    @Override
    public void close() {
        notifier.stopping();
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
