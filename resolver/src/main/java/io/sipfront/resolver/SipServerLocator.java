package io.sipfront.resolver;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Locates SIP servers (RFC 3263) for destination URIs, off the event loops. {@link #resolve} asks DNS as needed
 * and completes on a resolver thread; {@link #cached} returns at once what is known now, for the call path.
 * URIs asked for are kept fresh in the background while they are in use, and their last answers keep serving
 * while every resolver fails ({@link DnsSettings#maxStale()}). A DNS failure is reported ({@link #stats()},
 * the log, {@link DnsEventListener}), never turned into "destination down".
 */
public final class SipServerLocator implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(SipServerLocator.class);
    private static final long TICK_MILLIS = 100;
    private static final int THREADS = 2;
    private static final int QUEUE = 1024;
    /** Safety bound on URIs kept fresh; Route headers of peers can name hosts too. */
    private static final int MAX_WATCHED = RecordCache.MAX_ENTRIES;

    /** A refresh round looks at a URI at least this often, whatever its records say. */
    private static final long MAX_CHECK_NANOS = TimeUnit.SECONDS.toNanos(5);
    /** ... and this soon again after a round that failed with nothing cached. */
    private static final long FAILED_CHECK_NANOS = TimeUnit.SECONDS.toNanos(1);

    /**
     * A URI asked for: when last, what it last resolved to, whether a background run is under way, and when a
     * refresh round needs to look at it again (the earliest refresh time of the records it used).
     */
    private static final class Watch {
        volatile long lastAskedNanos;
        volatile long nextCheckNanos;
        Resolution last;
        final AtomicBoolean running = new AtomicBoolean();

        Watch(long now) {
            lastAskedNanos = now;
            nextCheckNanos = now;
        }
    }

    private static final RecordLookupNever NO_LOOKUP = new RecordLookupNever();

    /** For IP literals, which need no DNS. */
    private static final class RecordLookupNever implements LocationProcedure.RecordLookup {
        @Override
        public CompletionStage<CachedAnswer> lookup(org.xbill.DNS.Name name, int type) {
            throw new IllegalStateException("an IP literal needs no DNS");
        }
    }

    private final DnsSettings settings;
    private final DnsClock clock;
    private final DnsEventListener listener;
    private final DnsStats stats;
    private final ThreadPoolExecutor executor;
    private final ScheduledThreadPoolExecutor timer;
    private final AtomicBoolean ticking = new AtomicBoolean();
    private final RecordCache cache;
    private final LocationProcedure procedure;
    private final Map<TargetUri, Watch> watched = new ConcurrentHashMap<>();

    /**
     * Starts with the real resolvers and the system clock; the background refresh runs every 100 ms once a name has
     * been asked for.
     */
    public static SipServerLocator start(DnsSettings settings, DnsEventListener listener) {
        RandomGenerator random = () -> ThreadLocalRandom.current().nextLong();
        SipServerLocator locator = new SipServerLocator(settings, DnsClock.SYSTEM, random, listener,
                executor -> DnsjavaQuerier.create(settings, executor), true);
        LOG.info("dns: resolvers {}{}, query timeout {} ms x {} attempts, TTL {}..{} s, serving stale up to {} s",
                DnsjavaQuerier.servers(settings), settings.resolvers().isEmpty() ? " (the system's)" : "",
                settings.queryTimeout().toMillis(), settings.attempts(), settings.minTtl().toSeconds(),
                settings.maxTtl().toSeconds(), settings.maxStale().toSeconds());
        return locator;
    }

    SipServerLocator(DnsSettings settings, DnsClock clock, RandomGenerator random, DnsEventListener listener,
                     Function<Executor, RecordQuerier> querier, boolean backgroundRefresh) {
        this.settings = settings;
        this.clock = clock;
        this.listener = listener;
        this.stats = new DnsStats(clock, listener);
        this.executor = new ThreadPoolExecutor(THREADS, THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE), daemonThreads("sipfront-dns-"));
        this.cache = new RecordCache(querier.apply(executor), settings, clock, random, stats);
        this.procedure = new LocationProcedure(settings.naptr(), settings.ipv6());
        if (backgroundRefresh) {
            timer = new ScheduledThreadPoolExecutor(1, daemonThreads("sipfront-dns-timer-"));
        } else {
            timer = null;
        }
    }

    /**
     * Resolves {@code uri}, asking DNS for what is not cached or past its TTL. Never completes exceptionally: a
     * DNS outage with nothing cached gives {@link Resolution.Status#UNAVAILABLE}. Completes on a resolver
     * thread: continue on your own executor ({@code thenAcceptAsync(..., lane)}).
     */
    public CompletionStage<Resolution> resolve(TargetUri uri) {
        if (IpLiteral.parse(uri.host()).isPresent()) {
            return procedure.locate(uri, NO_LOOKUP);
        }
        Watch watch = watch(uri);
        return onResolverThread(() -> procedure.locate(uri, cache::lookup))
                .handle((resolution, failure) -> failure == null ? resolution
                        : Resolution.unavailable(uri, reason(failure)))
                .thenApply(resolution -> delivered(recheckSoon(watch), resolution));
    }

    /** A look-up may have stored records due before the time the last refresh round noted. */
    private Watch recheckSoon(Watch watch) {
        watch.nextCheckNanos = clock.nanoTime();
        return watch;
    }

    private static String reason(Throwable failure) {
        Throwable cause = RecordCache.unwrap(failure);
        return cause instanceof RejectedExecutionException ? "resolver busy or closed" : cause.getMessage();
    }

    /**
     * What {@code uri} resolves to from the cache alone, fresh or stale, without waiting; empty when not known
     * yet. Safe on an event loop. When something is missing or stale, a look-up starts in the background.
     */
    public Optional<Resolution> cached(TargetUri uri) {
        if (IpLiteral.parse(uri.host()).isPresent()) {
            return Optional.of(procedure.locate(uri, NO_LOOKUP).join());
        }
        Watch watch = watch(uri);
        CompletableFuture<Resolution> known = procedure.locate(uri, cache::cachedOnly);
        Resolution resolution = known.isDone() && !known.isCompletedExceptionally() ? known.join() : null;
        if (resolution == null || resolution.stale()
                || resolution.targets().stream().anyMatch(t -> !t.addressesKnown())) {
            inBackground(watch, () -> onResolverThread(() -> procedure.locate(uri, cache::lookup))
                    .whenComplete((found, failure) -> recheckSoon(watch)));
        }
        return Optional.ofNullable(resolution);
    }

    public DnsStats stats() {
        return stats;
    }

    public DnsSettings settings() {
        return settings;
    }

    /**
     * One background round (the timer's job, called directly by tests on a fake clock): forget expired
     * entries and long-idle URIs, and refresh every URI in use whose records reached their refresh time.
     *
     * @return completes when the refreshes started here are done
     */
    CompletableFuture<Void> refreshDue() {
        cache.evictExpired();
        long now = clock.nanoTime();
        List<CompletableFuture<?>> started = new ArrayList<>();
        // An idle URI is not refreshed but stays known (its last targets, for change events) until even its
        // stale answers would be gone.
        long forgetAfter = settings.idleTimeout().plus(settings.maxTtl()).plus(settings.maxStale()).toNanos();
        watched.forEach((uri, watch) -> {
            long idle = now - watch.lastAskedNanos;
            if (idle > forgetAfter) {
                watched.remove(uri, watch);
            } else if (idle <= settings.idleTimeout().toNanos() && now - watch.nextCheckNanos >= 0) {
                started.add(inBackground(watch, () -> refreshRound(uri, watch, now)));
            }
        });
        return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new));
    }

    /**
     * Runs the resolution on this thread over the refreshing look-up: records before their refresh time come
     * from the cache at once, the others are asked. Notes when the URI needs looking at again.
     */
    private CompletableFuture<Resolution> refreshRound(TargetUri uri, Watch watch, long now) {
        AtomicLong earliest = new AtomicLong(now + MAX_CHECK_NANOS);
        return procedure.locate(uri, (name, type) -> cache.refresh(name, type).thenApply(answer -> {
            earliest.accumulateAndGet(answer.recheckAt(), Math::min);
            return answer;
        })).whenComplete((resolution, failure) ->
                watch.nextCheckNanos = failure == null ? earliest.get() : clock.nanoTime() + FAILED_CHECK_NANOS);
    }

    RecordCache cache() {
        return cache;
    }

    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
        }
        executor.shutdownNow();
    }

    /**
     * The refresh rounds start with the first name asked for, not with the locator: a node whose destinations are
     * all IP addresses (as in the benchmarks) would otherwise wake a thread ten times a second for nothing,
     * about 0.7 ms of CPU a second on an idle node. Once started they go on, as names once asked are asked again.
     */
    private void startTicking() {
        if (timer != null && !ticking.get() && ticking.compareAndSet(false, true)) {
            try {
                timer.scheduleWithFixedDelay(this::tick, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                LOG.debug("dns: refresh rounds not started, locator closed");
            }
        }
    }

    /** Whether a background refresh round is scheduled (for tests). */
    boolean refreshRoundsStarted() {
        return timer != null && !timer.getQueue().isEmpty();
    }

    private void tick() {
        if (watched.isEmpty() && cache.size() == 0) {
            return; // every name forgotten, nothing to refresh or expire: no resolver thread is woken
        }
        try {
            executor.execute(this::refreshDue);
        } catch (RejectedExecutionException e) {
            LOG.debug("dns: refresh round skipped, resolver threads busy");
        }
    }

    /** One background run per URI at a time. */
    private CompletableFuture<?> inBackground(Watch watch, Supplier<CompletableFuture<Resolution>> run) {
        if (!watch.running.compareAndSet(false, true)) {
            return CompletableFuture.completedFuture(null);
        }
        CompletableFuture<Resolution> started;
        try {
            started = run.get();
        } catch (RuntimeException e) {
            started = CompletableFuture.failedFuture(e);
        }
        return started.whenComplete((resolution, failure) -> {
            watch.running.set(false);
            if (failure == null) {
                delivered(watch, resolution);
            }
        }).exceptionally(failure -> null); // counted and logged by the cache; the last targets stay
    }

    private CompletableFuture<Resolution> onResolverThread(Supplier<CompletableFuture<Resolution>> run) {
        try {
            return CompletableFuture.supplyAsync(run, executor).thenCompose(Function.identity());
        } catch (RejectedExecutionException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private Watch watch(TargetUri uri) {
        Watch watch = watched.get(uri);
        if (watch == null) {
            startTicking();
            watch = watched.size() < MAX_WATCHED ? watched.computeIfAbsent(uri, u -> new Watch(clock.nanoTime()))
                    : new Watch(clock.nanoTime());
        }
        watch.lastAskedNanos = clock.nanoTime();
        return watch;
    }

    /** Tells the listener when the targets of a URI changed; a failure keeps the last targets in force. */
    private Resolution delivered(Watch watch, Resolution resolution) {
        if (resolution.status() == Resolution.Status.UNAVAILABLE) {
            return resolution;
        }
        boolean changed;
        synchronized (watch) {
            changed = !resolution.sameTargetsAs(watch.last);
            if (changed) {
                watch.last = resolution;
            }
        }
        if (changed) {
            LOG.info("dns: {} -> {} via {}", resolution.uri(),
                    resolution.targets().isEmpty() ? resolution.status() : resolution.targets(), resolution.via());
            listener.resolutionChanged(resolution);
        }
        return resolution;
    }

    private static ThreadFactory daemonThreads(String prefix) {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }
}
