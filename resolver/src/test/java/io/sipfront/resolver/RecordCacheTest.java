package io.sipfront.resolver;

import static io.sipfront.resolver.Records.a;
import static io.sipfront.resolver.Records.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

class RecordCacheTest {
    private static final Name CA = name("ca.sipfront.test");

    private final FakeClock clock = new FakeClock();
    private final FakeDns dns = new FakeDns();
    private final DnsStats stats = new DnsStats(clock, DnsEventListener.NONE);
    private final SplittableRandom seeded = new SplittableRandom(42);
    private DnsSettings settings = DnsSettings.builder().minTtl(Duration.ofSeconds(5)).maxTtl(Duration.ofMinutes(10))
            .negativeTtl(Duration.ofSeconds(30)).maxStale(Duration.ofHours(24)).build();

    private RecordCache cache() {
        return new RecordCache(dns, settings, clock, seeded::nextLong, stats);
    }

    /** A cache that has looked up ca.sipfront.test/A (127.0.0.20) with this TTL. */
    private RecordCache cacheKnowingCa(long ttl) {
        dns.add(a("ca.sipfront.test", "127.0.0.20", ttl));
        RecordCache cache = cache();
        join(cache.lookup(CA, Type.A));
        return cache;
    }

    private static CachedAnswer join(java.util.concurrent.CompletionStage<CachedAnswer> stage) {
        return stage.toCompletableFuture().join();
    }

    private static long seconds(long nanos) {
        return TimeUnit.NANOSECONDS.toSeconds(nanos);
    }

    @Test
    void ttlIsClampedByMinimumAndMaximum() {
        dns.add(a("zero.test", "192.0.2.1", 0), a("day.test", "192.0.2.2", 86_400), a("ok.test", "192.0.2.3", 60));
        RecordCache cache = cache();
        for (String n : List.of("zero.test", "day.test", "ok.test")) {
            join(cache.lookup(name(n), Type.A));
        }
        assertEquals(5, lifetime(cache, "zero.test"));
        assertEquals(600, lifetime(cache, "day.test"));
        assertEquals(60, lifetime(cache, "ok.test"));
    }

    private static long lifetime(RecordCache cache, String n) {
        RecordCache.Entry e = cache.entry(name(n), Type.A).orElseThrow();
        return seconds(e.expiresAt() - e.receivedAt());
    }

    @Test
    void noDataIsKeptForTheNegativeTtl() {
        dns.add(a("ca.sipfront.test", "127.0.0.20", 5));
        RecordCache cache = cache();
        assertTrue(join(cache.lookup(CA, Type.AAAA)).answer().isNegative());
        RecordCache.Entry e = cache.entry(CA, Type.AAAA).orElseThrow();
        assertEquals(30, seconds(e.expiresAt() - e.receivedAt()));
        clock.advance(Duration.ofSeconds(29));
        join(cache.lookup(CA, Type.AAAA));
        assertEquals(1, dns.askedFor("ca.sipfront.test/AAAA"));
    }

    @Test
    void anAnswerServesUntilItsTtlEndsThenIsAskedAgain() {
        RecordCache cache = cacheKnowingCa(10);
        clock.advance(Duration.ofMillis(9_999));
        CachedAnswer still = join(cache.lookup(CA, Type.A));
        assertFalse(still.stale());
        assertEquals(1, dns.askedFor("ca.sipfront.test/A"));
        clock.advance(Duration.ofMillis(1));
        dns.replace(CA, Type.A, a("ca.sipfront.test", "127.0.0.22", 10));
        assertEquals(a("ca.sipfront.test", "127.0.0.22", 10), join(cache.lookup(CA, Type.A)).records().get(0));
        assertEquals(2, dns.askedFor("ca.sipfront.test/A"));
    }

    @Test
    void refreshComesAtSeventyToEightyPercentOfTheTtlSpreadByJitter() {
        List<Long> refreshAfterMillis = new ArrayList<>();
        RecordCache cache = cache();
        for (int i = 0; i < 200; i++) {
            Name n = name("host" + i + ".test");
            dns.add(a(n.toString(true), "192.0.2.1", 100));
            join(cache.lookup(n, Type.A));
            RecordCache.Entry e = cache.entry(n, Type.A).orElseThrow();
            refreshAfterMillis.add(TimeUnit.NANOSECONDS.toMillis(e.refreshAt() - e.receivedAt()));
        }
        long min = refreshAfterMillis.stream().mapToLong(Long::longValue).min().orElseThrow();
        long max = refreshAfterMillis.stream().mapToLong(Long::longValue).max().orElseThrow();
        assertTrue(min >= 70_000 && max <= 80_000, min + ".." + max);
        assertTrue(max - min > 8_000, "records that arrived together refresh spread out: " + min + ".." + max);
        assertTrue(refreshAfterMillis.stream().distinct().count() > 190);
    }

    @Test
    void theRefreshAsksOnlyOnceTheRefreshTimeCame() {
        RecordCache cache = cacheKnowingCa(100);
        RecordCache.Entry e = cache.entry(CA, Type.A).orElseThrow();
        clock.advance(Duration.ofNanos(e.refreshAt() - clock.nanoTime() - 1));
        join(cache.refresh(CA, Type.A));
        assertEquals(1, dns.askedFor("ca.sipfront.test/A"));
        clock.advance(Duration.ofNanos(1));
        join(cache.refresh(CA, Type.A));
        assertEquals(2, dns.askedFor("ca.sipfront.test/A"));
        assertTrue(cache.entry(CA, Type.A).orElseThrow().receivedAt() == clock.nanoTime(), "a new receive time");
    }

    @Test
    void questionsInFlightAreShared() {
        dns.add(a("ca.sipfront.test", "127.0.0.20", 5));
        dns.holding(true);
        RecordCache cache = cache();
        List<CompletableFuture<CachedAnswer>> waiting = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            waiting.add(cache.lookup(CA, Type.A).toCompletableFuture());
            waiting.add(cache.refresh(CA, Type.A).toCompletableFuture());
        }
        assertEquals(1, dns.askedFor("ca.sipfront.test/A"));
        assertTrue(waiting.stream().noneMatch(CompletableFuture::isDone));
        dns.release();
        for (CompletableFuture<CachedAnswer> w : waiting) {
            assertEquals("127.0.0.20", w.join().records().get(0).rdataToString());
        }
        assertEquals(1, stats.queries());
    }

    @Test
    void whenEveryResolverFailsTheLastAnswerServesStaleWithBackOff() {
        RecordCache cache = cacheKnowingCa(10);
        dns.down(true);
        clock.advance(Duration.ofSeconds(11));
        CachedAnswer stale = join(cache.lookup(CA, Type.A));
        assertTrue(stale.stale());
        assertEquals("127.0.0.20", stale.records().get(0).rdataToString());
        assertEquals(1, stats.failures());
        assertEquals(1, stats.staleAnswers());
        DnsStats.DnsProblem problem = stats.problems().get(0);
        assertEquals("ca.sipfront.test", problem.name());
        assertEquals("A", problem.type());
        assertTrue(problem.servingStale());
        assertTrue(problem.reason().contains("SERVFAIL"), problem.reason());

        join(cache.lookup(CA, Type.A));
        assertEquals(2, dns.askedFor("ca.sipfront.test/A"), "no question again within the 1 s back-off");
        clock.advance(Duration.ofSeconds(1));
        join(cache.lookup(CA, Type.A));
        assertEquals(3, dns.askedFor("ca.sipfront.test/A"));
        DnsStats.DnsProblem again = stats.problems().get(0);
        assertEquals(2, again.failures());
        assertEquals(1000, again.lastFailureMillis() - again.firstFailureMillis(), "times on the injected clock");
        clock.advance(Duration.ofSeconds(1));
        join(cache.lookup(CA, Type.A));
        assertEquals(3, dns.askedFor("ca.sipfront.test/A"), "the back-off doubled to 2 s");

        dns.down(false);
        clock.advance(Duration.ofSeconds(1));
        assertFalse(join(cache.lookup(CA, Type.A)).stale());
        assertTrue(stats.problems().isEmpty(), "an answer clears the problem");
    }

    @Test
    void staleServesUpToMaxStaleAndNotBeyond() {
        RecordCache cache = cacheKnowingCa(10);
        dns.down(true);
        clock.advance(Duration.ofSeconds(10).plus(Duration.ofHours(24)).minusMillis(1));
        assertTrue(join(cache.lookup(CA, Type.A)).stale());
        clock.advance(Duration.ofMillis(1));
        CompletionException e = assertThrows(CompletionException.class, () -> join(cache.lookup(CA, Type.A)));
        assertInstanceOf(DnsUnavailableException.class, RecordCache.unwrap(e));
        assertTrue(cache.entry(CA, Type.A).isEmpty());
    }

    @Test
    void maxStaleZeroTurnsServeStaleOff() {
        settings = settings.toBuilder().maxStale(Duration.ZERO).build();
        RecordCache cache = cacheKnowingCa(10);
        dns.down(true);
        clock.advance(Duration.ofSeconds(10));
        assertThrows(CompletionException.class, () -> join(cache.lookup(CA, Type.A)));
    }

    @Test
    void aFailedRefreshBeforeExpiryKeepsServingTheAnswerAsFresh() {
        RecordCache cache = cacheKnowingCa(100);
        dns.down(true);
        clock.advance(Duration.ofSeconds(85));
        CachedAnswer refreshed = join(cache.refresh(CA, Type.A));
        assertFalse(refreshed.stale());
        assertEquals(0, stats.staleAnswers());
        assertEquals(1, stats.failures());
    }

    @Test
    void cachedOnlyNeverAsks() {
        dns.add(a("ca.sipfront.test", "127.0.0.20", 10));
        RecordCache cache = cache();
        CompletionException e = assertThrows(CompletionException.class, () -> join(cache.cachedOnly(CA, Type.A)));
        assertInstanceOf(RecordCache.NotCached.class, RecordCache.unwrap(e));
        join(cache.lookup(CA, Type.A));
        assertFalse(join(cache.cachedOnly(CA, Type.A)).stale());
        clock.advance(Duration.ofSeconds(10));
        assertTrue(join(cache.cachedOnly(CA, Type.A)).stale());
        assertEquals(1, dns.asked().size());
    }

    @Test
    void evictionDropsEntriesPastTheirStaleWindowOnly() {
        RecordCache cache = cacheKnowingCa(10);
        clock.advance(Duration.ofHours(24));
        cache.evictExpired();
        assertEquals(1, cache.size());
        clock.advance(Duration.ofSeconds(10));
        cache.evictExpired();
        assertEquals(0, cache.size());
    }
}
