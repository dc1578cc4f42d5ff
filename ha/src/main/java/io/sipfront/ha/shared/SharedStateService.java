package io.sipfront.ha.shared;

import io.micrometer.core.instrument.MeterRegistry;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.routing.RoutingEngine;
import io.sipfront.dispatcher.DestinationHealth;
import io.sipfront.dispatcher.HealthListener;
import io.sipfront.dispatcher.HealthState;
import io.sipfront.dispatcher.OperatorAction;
import io.sipfront.time.Clock;
import io.sipfront.ha.config.SharedStateSettings;
import io.sipfront.redis.RedisClients;
import io.sipfront.redis.RedisSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import redis.clients.jedis.JedisPubSub;
import redis.clients.jedis.UnifiedJedis;

/**
 * Shares destination health and operator actions with the peer node through Redis (rules in {@link MergeRules}).
 *
 * <p>Threads: every Redis command runs on one worker thread ("shared-state"), the subscription blocks on a second
 * ("shared-state-sub"); SIP lanes and event loops only mark a destination dirty or queue an operator action and
 * wake the worker, never wait for Redis. Wake-ups are coalesced and the queues between threads are bounded: an
 * overflowing inbox is dropped and replaced by a full resync. Redis unreachable: the node keeps routing on its own
 * health, retries with backoff (0.2 s doubling to 5 s), and resyncs in full (reads the operator actions and the
 * peers' entries, rewrites its own) once the link and the subscription are back.
 */
public final class SharedStateService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(SharedStateService.class);
    static final int QUEUE_CAPACITY = 1024;
    /** Granularity of the worker's refresh and retry decisions (which read the injected clock). */
    static final long TICK_MS = 100;
    static final long FIRST_RETRY_MS = 200;
    static final long MAX_RETRY_MS = 5_000;

    private record LocalAction(String set, String id, OperatorAction action) {
    }

    /** This node's last shared observation of one destination and when it began. */
    private record Observation(String observed, boolean suspect, long since) {
    }

    private final SharedStateSettings settings;
    private final String self;
    private final RoutingEngine engine;
    private final Clock clock;
    private final RedisLink link;
    private final SharedKeys keys;
    private final MergeRules rules;
    private final SharedStateMetrics metrics;
    private final ScheduledThreadPoolExecutor worker;
    private final Thread subscriber;
    private final BlockingQueue<String> inbox = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final BlockingQueue<LocalAction> actions = new ArrayBlockingQueue<>(QUEUE_CAPACITY);
    private final Set<DestinationHealth> dirty = ConcurrentHashMap.newKeySet();
    private final Map<DestinationHealth, String> lastWhy = new ConcurrentHashMap<>();
    private final AtomicBoolean pumpQueued = new AtomicBoolean();
    private final AtomicBoolean inboxOverflowed = new AtomicBoolean();
    private final CountDownLatch firstAttempt = new CountDownLatch(1);

    // Worker-confined.
    private final Map<String, Observation> own = new HashMap<>();
    private final Set<OperatorEntry> unsent = new LinkedHashSet<>();
    private final Backoff backoff = new Backoff(FIRST_RETRY_MS, MAX_RETRY_MS);
    private boolean resyncNeeded = true;
    private long nextAttemptNanos;
    private long lastRefreshNanos;

    // Read by the health check and the API.
    private volatile boolean connected;
    private volatile long unreachableSinceMillis;
    private volatile String lastError = "not connected yet";
    private final Map<String, HealthEntry> peerEntries = new ConcurrentHashMap<>();
    private volatile boolean closed;
    private volatile JedisPubSub subscription;

    SharedStateService(SharedStateSettings settings, RedisSettings redis, RoutingEngine engine, Clock clock,
                       MeterRegistry meters) {
        if (!settings.enabled()) {
            throw new IllegalArgumentException("shared_state is not enabled");
        }
        this.settings = settings;
        this.self = settings.nodeId();
        this.engine = engine;
        this.clock = clock;
        this.link = new RedisLink(redis);
        this.keys = new SharedKeys(settings.cluster());
        this.rules = new MergeRules(self, settings.staleAfterMs(), clock);
        this.metrics = new SharedStateMetrics(meters, () -> connected);
        this.unreachableSinceMillis = clock.currentTimeMillis();
        this.worker = new ScheduledThreadPoolExecutor(1, r -> daemonThread(r, "shared-state"));
        this.worker.setRemoveOnCancelPolicy(true);
        this.subscriber = daemonThread(this::subscribeLoop, "shared-state-sub");
    }

    /**
     * Starts sharing: hooks into {@code engine}'s health and operator events, then syncs with Redis in the background.
     * Waits at most {@code firstSyncWait} for the first sync (so the first calls already know what the peer found),
     * never fails when Redis is unreachable.
     */
    public static SharedStateService start(SharedStateSettings settings, RedisSettings redis, RoutingEngine engine,
                                           Clock clock, MeterRegistry meters, Duration firstSyncWait) {
        SharedStateService s = new SharedStateService(settings, redis, engine, clock, meters);
        engine.addHealthListener(s.healthListener());
        engine.addOperatorListener(s::operatorActed);
        s.worker.scheduleWithFixedDelay(s::tick, 0, TICK_MS, TimeUnit.MILLISECONDS);
        s.subscriber.start();
        try {
            if (!s.firstAttempt.await(firstSyncWait.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("shared state: no answer from {} within {} ms; starting on this node's own health",
                        s.link.describe(), firstSyncWait.toMillis());
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return s;
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    // ---- called on lanes and API threads: quick, never blocking ----

    private HealthListener healthListener() {
        return new HealthListener() {
            @Override
            public void changed(DestinationHealth h, HealthState from, HealthState to, String why) {
                lastWhy.put(h, why);
                dirty.add(h);
                wake();
            }

            @Override
            public void suspected(DestinationHealth h) {
                dirty.add(h);
                wake();
            }
        };
    }

    private void operatorActed(DestinationHealth h, OperatorAction action) {
        if (!actions.offer(new LocalAction(h.set(), h.destination().id(), action))) {
            metrics.errors.increment();
            log.error("shared state: operator action queue full; {} of {}/{} applies on this node only", action
                    .apiName(), h.set(), h.destination().id());
        }
        wake();
    }

    private void wake() {
        if (!closed && pumpQueued.compareAndSet(false, true)) {
            try {
                worker.execute(this::pump);
            } catch (RejectedExecutionException e) {
                pumpQueued.set(false); // closing
            }
        }
    }

    // ---- worker thread ----

    private void tick() {
        if (closed) {
            return;
        }
        long now = clock.nanoTime();
        try {
            if (resyncNeeded) {
                if (now - nextAttemptNanos >= 0) {
                    resync();
                    resyncNeeded = false;
                    backoff.reset();
                    lastRefreshNanos = now;
                    if (!connected) {
                        connected = true;
                        log.info("shared state: in sync with cluster '{}' through {} as node '{}'",
                                settings.cluster(), link.describe(), self);
                    }
                    firstAttempt.countDown();
                }
            } else if (now - lastRefreshNanos >= TimeUnit.MILLISECONDS.toNanos(settings.refreshMs())) {
                lastRefreshNanos = now;
                writeAll(false);
            }
        } catch (RuntimeException e) {
            failed(e);
        }
        pump();
    }

    /** Operator actions, peer messages, then this node's changed destinations; each queue drained at most once. */
    private void pump() {
        pumpQueued.set(false);
        if (closed) {
            return;
        }
        for (int i = 0; i < QUEUE_CAPACITY; i++) {
            LocalAction a = actions.poll();
            if (a == null) {
                break;
            }
            OperatorEntry e = rules.localAction(a.set(), a.id(), a.action());
            unsent.add(e);
        }
        for (int i = 0; i < QUEUE_CAPACITY; i++) {
            String m = inbox.poll();
            if (m == null) {
                break;
            }
            received(m);
        }
        if (inboxOverflowed.getAndSet(false)) {
            metrics.errors.increment();
            log.warn("shared state: more than {} messages waiting; resyncing from Redis instead", QUEUE_CAPACITY);
            resyncNeeded = true;
            nextAttemptNanos = clock.nanoTime();
        }
        if (resyncNeeded) {
            return; // the resync writes everything
        }
        try {
            sendUnsent();
            if (!dirty.isEmpty()) {
                List<DestinationHealth> batch = new ArrayList<>(dirty);
                dirty.removeAll(batch);
                writeEntries(batch, true);
            }
        } catch (RuntimeException e) {
            failed(e);
        }
    }

    private void received(String json) {
        SharedCodec.Message m;
        try {
            m = SharedCodec.decode(json, SharedCodec.Message.class);
        } catch (IllegalArgumentException e) {
            metrics.errors.increment();
            log.warn("shared state: unreadable message ignored: {}", e.getMessage());
            return;
        }
        if (self.equals(m.node())) {
            return; // our own write coming back
        }
        metrics.received.increment();
        m.operator().forEach(this::applyOperator);
        m.health().forEach(this::applyPeerHealth);
    }

    private void applyPeerHealth(HealthEntry e) {
        if (!e.node().equals(self)) {
            peerEntries.put(e.node() + " " + e.destinationKey(), e);
        }
        if (rules.peerHealth(e) != MergeRules.Verdict.PROBE) {
            return;
        }
        DestinationHealth h = engine.registry().get(e.set(), e.id());
        if (h == null || !h.markSuspectByPeer()) {
            return;
        }
        metrics.applied.increment();
        log.warn("destination {}/{}: peer {} found it {}{} ({}); suspect here, probing it now", e.set(), e.id(),
                e.node(), e.observed(), e.suspect() ? " and suspect" : "", e.reason());
        engine.suspect(h);
    }

    private void applyOperator(OperatorEntry e) {
        if (!rules.operatorAction(e)) {
            return;
        }
        DestinationHealth h = engine.registry().get(e.set(), e.id());
        if (h == null) {
            return;
        }
        e.operatorAction().applyTo(h);
        metrics.applied.increment();
        log.warn("destination {}/{}: operator {} through node {} applied here", e.set(), e.id(), e.action(),
                e.node());
    }

    /** Operator actions, then the peers' entries, then this node's own, all rewritten and announced. */
    private void resync() {
        UnifiedJedis r = link.client();
        r.sadd(keys.nodes(), self);
        for (String json : r.hgetAll(keys.operator()).values()) {
            OperatorEntry e = decodeOrNull(json, OperatorEntry.class);
            if (e != null) {
                applyOperator(e);
            }
        }
        sendUnsent();
        for (String node : r.smembers(keys.nodes())) {
            if (node.equals(self)) {
                continue;
            }
            for (String json : r.hgetAll(keys.health(node)).values()) {
                HealthEntry e = decodeOrNull(json, HealthEntry.class);
                if (e != null) {
                    applyPeerHealth(e);
                }
            }
        }
        dirty.clear();
        writeAll(true);
    }

    /** Local operator actions not yet in Redis (taken while it was unreachable), unless a newer one replaced them. */
    private void sendUnsent() {
        for (OperatorEntry e : List.copyOf(unsent)) {
            if (rules.isCurrent(e)) {
                UnifiedJedis r = link.client();
                r.hset(keys.operator(), e.destinationKey(), SharedCodec.encode(e));
                r.publish(keys.channel(), SharedCodec.encode(
                        new SharedCodec.Message(SharedCodec.Message.OPERATOR, self, null, List.of(e))));
                metrics.published.increment();
            }
            unsent.remove(e);
        }
    }

    private <T> T decodeOrNull(String json, Class<T> type) {
        try {
            return SharedCodec.decode(json, type);
        } catch (IllegalArgumentException e) {
            metrics.errors.increment();
            log.warn("shared state: unreadable entry ignored: {}", e.getMessage());
            return null;
        }
    }

    /** Every destination of the current config; fields of removed destinations are deleted. */
    private void writeAll(boolean announce) {
        List<DestinationHealth> all = engine.registry().all();
        Set<String> current = new HashSet<>();
        all.forEach(h -> current.add(SharedKeys.destinationField(h.set(), h.destination().id())));
        List<String> gone = own.keySet().stream().filter(k -> !current.contains(k)).toList();
        if (!gone.isEmpty()) {
            link.client().hdel(keys.health(self), gone.toArray(new String[0]));
            gone.forEach(own::remove);
        }
        lastWhy.keySet().retainAll(all);
        writeEntries(all, announce);
    }

    private void writeEntries(List<DestinationHealth> hs, boolean announce) {
        if (hs.isEmpty()) {
            return;
        }
        long now = clock.currentTimeMillis();
        Map<String, String> fields = new LinkedHashMap<>();
        List<HealthEntry> entries = new ArrayList<>();
        for (DestinationHealth h : hs) {
            HealthEntry e = ownEntry(h, now);
            fields.put(e.destinationKey(), SharedCodec.encode(e));
            entries.add(e);
        }
        UnifiedJedis r = link.client();
        r.hset(keys.health(self), fields);
        if (announce) {
            r.publish(keys.channel(), SharedCodec.encode(
                    new SharedCodec.Message(SharedCodec.Message.HEALTH, self, entries, null)));
            metrics.published.increment();
        }
    }

    private HealthEntry ownEntry(DestinationHealth h, long now) {
        String key = SharedKeys.destinationField(h.set(), h.destination().id());
        String observed = h.observedState().apiName();
        boolean suspect = h.suspectByOwnCalls();
        Observation o = own.get(key);
        if (o == null || !o.observed().equals(observed) || o.suspect() != suspect) {
            // Strictly increasing, so two changes within one millisecond are still two observations.
            o = new Observation(observed, suspect, o == null ? now : Math.max(now, o.since() + 1));
            own.put(key, o);
        }
        return new HealthEntry(self, h.set(), h.destination().id(), h.state().apiName(), observed, suspect,
                o.since(), lastWhy.getOrDefault(h, "start"), h.lastProbeCode(), h.lastProbeMillis(), now,
                h.attempts.sum(), h.answered.sum(), h.failures.sum());
    }

    private void failed(RuntimeException e) {
        metrics.errors.increment();
        lastError = e.getMessage() == null ? e.toString() : e.getMessage();
        if (connected) {
            unreachableSinceMillis = clock.currentTimeMillis();
            log.warn("shared state: {} unreachable ({}); routing on this node's own health until it is back",
                    link.describe(), lastError);
        } else {
            log.debug("shared state: {} still unreachable: {}", link.describe(), lastError);
        }
        connected = false;
        resyncNeeded = true;
        nextAttemptNanos = clock.nanoTime() + TimeUnit.MILLISECONDS.toNanos(backoff.nextDelayMs());
        firstAttempt.countDown();
    }

    // ---- subscription thread ----

    private void subscribeLoop() {
        Backoff retry = new Backoff(FIRST_RETRY_MS, MAX_RETRY_MS);
        while (!closed) {
            JedisPubSub sub = new JedisPubSub() {
                @Override
                public void onSubscribe(String channel, int subscribedChannels) {
                    retry.reset();
                    resyncNow(); // messages published while we were away are only in the keys
                }

                @Override
                public void onMessage(String channel, String message) {
                    if (!inbox.offer(message)) {
                        inboxOverflowed.set(true);
                    }
                    wake();
                }
            };
            subscription = sub;
            RuntimeException lost;
            try {
                link.client().subscribe(sub, keys.channel());
                lost = new IllegalStateException("subscription ended");
            } catch (RuntimeException e) {
                lost = e;
            }
            if (closed) {
                return;
            }
            // Without the subscription the peer's changes no longer arrive: the link is down until a resync.
            RuntimeException cause = lost;
            try {
                worker.execute(() -> failed(cause));
            } catch (RejectedExecutionException e) {
                return; // closing
            }
            try {
                Thread.sleep(retry.nextDelayMs());
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    private void resyncNow() {
        try {
            worker.execute(() -> {
                resyncNeeded = true;
                nextAttemptNanos = clock.nanoTime();
                tick();
            });
        } catch (RejectedExecutionException e) {
            // closing
        }
    }

    // ---- status ----

    public boolean connected() {
        return connected;
    }

    public SharedStateSettings settings() {
        return settings;
    }

    String lastError() {
        return lastError;
    }

    long unreachableSinceMillis() {
        return unreachableSinceMillis;
    }

    String describeRedis() {
        return link.describe();
    }

    /** The peers' latest entries seen, by node then destination. */
    List<HealthEntry> peerEntries() {
        return List.copyOf(peerEntries.values());
    }

    SharedStateMetrics metrics() {
        return metrics;
    }

    /** {@code GET /api/v1/shared-state} and the {@code shared-state} health check. */
    public AdminExtension adminExtension() {
        return new SharedStateAdmin(this);
    }

    @Override
    public void close() {
        closed = true;
        RedisClients.unsubscribeQuietly(subscription);
        subscriber.interrupt();
        worker.shutdownNow();
        try {
            worker.awaitTermination(2, TimeUnit.SECONDS);
            link.close();
            subscriber.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            link.close();
        }
    }
}
