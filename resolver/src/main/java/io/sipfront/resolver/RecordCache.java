package io.sipfront.resolver;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.random.RandomGenerator;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * Our own DNS cache, keyed by (name, type), because dnsjava's forgets expired records and hides the remaining TTL.
 * An entry keeps its receive time (injected clock) and its TTL clamped by the settings; records in use are
 * refreshed from {@code refresh_fraction} of their TTL on, each entry with its own jitter so records that arrived
 * together do not refresh together. When no resolver answers, the last answer keeps serving up to
 * {@code max_stale} past its TTL (RFC 8767), and the failed question is asked again only after a back-off.
 * Questions already in flight are shared, never sent twice.
 */
final class RecordCache {
    /** Safety bound: names come from configuration and from Route headers of peers. */
    static final int MAX_ENTRIES = 10_000;
    private static final long MIN_RETRY_NANOS = TimeUnit.SECONDS.toNanos(1);
    /** RFC 8767 §5: a failed name is not asked again for 30 s at most ("failure recheck timer"). */
    private static final long MAX_RETRY_NANOS = TimeUnit.SECONDS.toNanos(30);
    private static final double JITTER_OF_TTL = 0.1;

    record Key(Name name, int type) {
        @Override
        public String toString() {
            return name.toString(true) + "/" + Type.string(type);
        }
    }

    /**
     * One cached answer. Times are {@link DnsClock#nanoTime()} values.
     *
     * @param retryAt  after a failed refresh, the question is not asked again before this
     * @param failures failed questions since the answer arrived
     */
    record Entry(RecordAnswer answer, long receivedAt, long expiresAt, long refreshAt, long retryAt, int failures) {
        Entry afterFailure(long now) {
            int n = failures + 1;
            long backoff = Math.min(MAX_RETRY_NANOS, MIN_RETRY_NANOS << Math.min(n - 1, 5));
            return new Entry(answer, receivedAt, expiresAt, refreshAt, now + backoff, n);
        }
    }

    /** Thrown by {@link #cachedOnly} when the question has no usable entry. */
    static final class NotCached extends RuntimeException {
        private static final long serialVersionUID = 1L;

        NotCached(Key key) {
            super(key + " is not cached", null, false, false);
        }
    }

    private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<Key, CompletableFuture<CachedAnswer>> inFlight = new ConcurrentHashMap<>();
    private final RecordQuerier querier;
    private final DnsSettings settings;
    private final DnsClock clock;
    private final RandomGenerator random;
    private final DnsStats stats;

    RecordCache(RecordQuerier querier, DnsSettings settings, DnsClock clock, RandomGenerator random, DnsStats stats) {
        this.querier = querier;
        this.settings = settings;
        this.clock = clock;
        this.random = random;
        this.stats = stats;
    }

    /** For a look-up: the entry until its TTL ends, then a question (the entry again, stale, if it fails). */
    CompletionStage<CachedAnswer> lookup(Name name, int type) {
        return get(new Key(name, type), false);
    }

    /** For the background refresh: the entry until its refresh time, then a question. */
    CompletionStage<CachedAnswer> refresh(Name name, int type) {
        return get(new Key(name, type), true);
    }

    /** What is known now, fresh or stale, without asking: fails with {@link NotCached} otherwise. */
    CompletionStage<CachedAnswer> cachedOnly(Name name, int type) {
        Key key = new Key(name, type);
        long now = clock.nanoTime();
        Entry e = usable(key, now);
        return e == null ? CompletableFuture.failedFuture(new NotCached(key))
                : CompletableFuture.completedFuture(served(key, e, now));
    }

    /** Drops the entries past their TTL and max stale. */
    void evictExpired() {
        long now = clock.nanoTime();
        entries.entrySet().removeIf(e -> pastStale(e.getValue(), now));
    }

    Optional<Entry> entry(Name name, int type) {
        return Optional.ofNullable(entries.get(new Key(name, type)));
    }

    int size() {
        return entries.size();
    }

    private CompletionStage<CachedAnswer> get(Key key, boolean refreshing) {
        long now = clock.nanoTime();
        Entry e = usable(key, now);
        if (e != null && (now - (refreshing ? e.refreshAt() : e.expiresAt()) < 0 || now - e.retryAt() < 0)) {
            return CompletableFuture.completedFuture(served(key, e, now));
        }
        return ask(key);
    }

    private CompletableFuture<CachedAnswer> ask(Key key) {
        CompletableFuture<CachedAnswer> mine = new CompletableFuture<>();
        CompletableFuture<CachedAnswer> running = inFlight.putIfAbsent(key, mine);
        if (running != null) {
            return running;
        }
        stats.querySent();
        CompletionStage<RecordAnswer> sent;
        try {
            sent = querier.query(key.name(), key.type());
        } catch (RuntimeException e) {
            sent = CompletableFuture.failedFuture(e);
        }
        sent.whenComplete((answer, failure) -> {
            CachedAnswer result = null;
            RuntimeException error = null;
            try {
                result = failure == null ? store(key, answer) : afterFailure(key, failure);
            } catch (RuntimeException e) {
                error = e;
            }
            inFlight.remove(key, mine); // before completing: a waiter asking again finds the new entry
            if (error == null) {
                mine.complete(result);
            } else {
                mine.completeExceptionally(error);
            }
        });
        return mine;
    }

    private CachedAnswer store(Key key, RecordAnswer answer) {
        long now = clock.nanoTime();
        long ttl = TimeUnit.SECONDS.toNanos(answer.isNegative() ? settings.negativeTtl().toSeconds()
                : answer.ttlSeconds());
        ttl = Math.max(settings.minTtl().toNanos(), Math.min(settings.maxTtl().toNanos(), ttl));
        double fraction = settings.refreshFraction() - JITTER_OF_TTL * random.nextDouble();
        Entry e = new Entry(answer, now, now + ttl, now + (long) (ttl * fraction), now, 0);
        if (entries.size() < MAX_ENTRIES || entries.containsKey(key)) {
            entries.put(key, e);
        }
        stats.answered(key.name(), key.type());
        return new CachedAnswer(answer, false, e.refreshAt());
    }

    private CachedAnswer afterFailure(Key key, Throwable failure) {
        Throwable cause = unwrap(failure);
        String reason = cause instanceof DnsUnavailableException ? cause.getMessage() : cause.toString();
        stats.failed(key.name(), key.type(), reason);
        long now = clock.nanoTime();
        Entry e = entries.computeIfPresent(key, (k, old) -> pastStale(old, now) ? null : old.afterFailure(now));
        if (e == null) {
            throw new DnsUnavailableException(key + ": " + reason);
        }
        return served(key, e, now);
    }

    private Entry usable(Key key, long now) {
        Entry e = entries.get(key);
        if (e != null && pastStale(e, now)) {
            entries.remove(key, e);
            return null;
        }
        return e;
    }

    private boolean pastStale(Entry e, long now) {
        return now - e.expiresAt() >= settings.maxStale().toNanos();
    }

    private CachedAnswer served(Key key, Entry e, long now) {
        boolean stale = now - e.expiresAt() >= 0;
        if (stale) {
            stats.staleServed(key.name(), key.type(), TimeUnit.NANOSECONDS.toSeconds(now - e.expiresAt()));
        }
        return new CachedAnswer(e.answer(), stale, Math.max(e.refreshAt(), e.retryAt()));
    }

    static Throwable unwrap(Throwable t) {
        Throwable c = t;
        while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
            c = c.getCause();
        }
        return c;
    }
}
