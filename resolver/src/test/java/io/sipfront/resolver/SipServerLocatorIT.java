package io.sipfront.resolver;

import static io.sipfront.resolver.Records.ip;
import static io.sipfront.resolver.Records.name;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Flags;
import org.xbill.DNS.Message;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * The resolver against a real DNS server: two dnsmasq instances on 127.0.0.53:53 and 127.0.0.54:53 with the
 * records of issue 11 (SRV and A only: NAPTR and AAAA get no data), TTL 5 s. The JVM runs in a network
 * namespace of its own (src/test/netns-jvm/bin/java), so these binds are private.
 */
class SipServerLocatorIT {
    private static final String FIRST = "127.0.0.53";
    private static final String SECOND = "127.0.0.54";
    private static final int TTL = 5;
    private static final TargetUri PLATFORM = new TargetUri("platform.sipfront.test", 0, Transport.TLS, false);
    private static final TargetUri CARRIERS = TargetUri.sip("carriers.sipfront.test");
    private static final List<String> RECORDS = java.util.stream.Stream.concat(Dnsmasq.ISSUE_11_SRV.stream(),
            java.util.stream.Stream.of("--host-record=long.sipfront.test,127.0.0.30,3600")).toList();

    @TempDir
    Path dir;
    private Path hosts;
    private Dnsmasq first;
    private Dnsmasq second;
    private SipServerLocator locator;
    private final LinkedBlockingQueue<Resolution> changes = new LinkedBlockingQueue<>();
    private final DnsEventListener listener = new DnsEventListener() {
        @Override
        public void resolutionChanged(Resolution resolution) {
            changes.add(resolution);
        }
    };

    @BeforeEach
    void startDns() throws Exception {
        Optional<String> cannot = Dnsmasq.cannotRun();
        Assumptions.assumeTrue(cannot.isEmpty(), () -> "skipping the dnsmasq tests: " + cannot.orElseThrow());
        hosts = dir.resolve("hosts");
        writeHosts("127.0.0.20");
        first = Dnsmasq.start(FIRST, dir, hosts, TTL, RECORDS);
        second = Dnsmasq.start(SECOND, dir, hosts, TTL, RECORDS);
    }

    @AfterEach
    void stopDns() throws InterruptedException {
        if (locator != null) {
            locator.close();
        }
        if (first != null) {
            first.close();
        }
        if (second != null) {
            second.close();
        }
    }

    private void writeHosts(String caAddress) throws IOException {
        Dnsmasq.writeHosts(hosts, List.of("127.0.0.10 p1.sipfront.test", "127.0.0.11 p2.sipfront.test",
                caAddress + " ca.sipfront.test", "127.0.0.21 cb.sipfront.test"));
    }

    private static DnsSettings.Builder settings() {
        return DnsSettings.builder()
                .resolvers(List.of(ResolverAddress.parse(FIRST), ResolverAddress.parse(SECOND)))
                .queryTimeout(Duration.ofSeconds(1));
    }

    private SipServerLocator realTime(DnsSettings settings) {
        locator = SipServerLocator.start(settings, listener);
        return locator;
    }

    private SipServerLocator onFakeClock(DnsSettings settings, FakeClock clock) {
        SplittableRandom random = new SplittableRandom(1);
        locator = new SipServerLocator(settings, clock, random::nextLong, listener,
                executor -> DnsjavaQuerier.create(settings, executor), false);
        return locator;
    }

    private static Resolution resolve(SipServerLocator l, TargetUri uri) {
        return l.resolve(uri).toCompletableFuture().orTimeout(20, TimeUnit.SECONDS).join();
    }

    private static ResolvedTarget target(String host, int port, Transport t, int priority, int weight, String ip) {
        return new ResolvedTarget(host, port, t, priority, weight, List.of(ip(ip)), true);
    }

    /** Polls the call path's view until it shows what the test waits for; bounded. */
    private static Resolution awaitCached(SipServerLocator l, TargetUri uri, Duration within,
                                          Predicate<Resolution> wanted) throws InterruptedException {
        long deadline = System.nanoTime() + within.toNanos();
        Optional<Resolution> seen = Optional.empty();
        while (System.nanoTime() < deadline) {
            seen = l.cached(uri);
            if (seen.isPresent() && wanted.test(seen.get())) {
                return seen.get();
            }
            TimeUnit.MILLISECONDS.sleep(50);
        }
        throw new AssertionError("not seen within " + within + "; last: " + seen);
    }

    @Test
    void theIssuesRecordsResolveWithNaptrAndAaaaFallingThrough() throws IOException {
        SipServerLocator l = realTime(settings().build());
        Resolution platform = resolve(l, PLATFORM);
        assertEquals(List.of(target("p1.sipfront.test", 5061, Transport.TLS, 10, 50, "127.0.0.10"),
                target("p2.sipfront.test", 5061, Transport.TLS, 10, 50, "127.0.0.11")), platform.targets());

        Resolution carriers = resolve(l, CARRIERS);
        assertEquals(List.of(target("ca.sipfront.test", 5060, Transport.UDP, 10, 0, "127.0.0.20"),
                target("cb.sipfront.test", 5060, Transport.UDP, 20, 0, "127.0.0.21")), carriers.targets());
        assertEquals("SRV _sip._udp.carriers.sipfront.test", carriers.via());
        assertFalse(carriers.stale());
        assertEquals(1, first.logLinesWith("query[NAPTR] carriers.sipfront.test"), "NAPTR asked, no data");
        assertEquals(1, first.logLinesWith("query[AAAA] ca.sipfront.test"), "AAAA asked, no data");
        assertEquals(0, second.logLinesWith(".sipfront.test from"), "the second resolver is not needed");
        assertTrue(l.stats().problems().isEmpty(), l.stats().problems().toString());

        Resolution plain = resolve(l, new TargetUri("ca.sipfront.test", 5070, null, false));
        assertEquals(List.of(target("ca.sipfront.test", 5070, Transport.UDP, 0, 0, "127.0.0.20")), plain.targets());
        assertEquals(Resolution.Status.NOT_FOUND, resolve(l, TargetUri.sip("nothere.sipfront.test")).status());
    }

    @Test
    void aChangedARecordIsFollowedWithinTtlPlusTwoSeconds() throws Exception {
        SipServerLocator l = realTime(settings().build());
        resolve(l, CARRIERS);
        changes.clear();
        writeHosts("127.0.0.22");
        long changedAt = System.nanoTime();
        first.reload();
        second.reload();
        Resolution followed = awaitCached(l, CARRIERS, Duration.ofSeconds(TTL + 2),
                r -> r.targets().get(0).addresses().equals(List.of(ip("127.0.0.22"))));
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - changedAt);
        assertTrue(tookMillis <= (TTL + 2) * 1000L, tookMillis + " ms");
        assertFalse(followed.stale());
        Resolution told = changes.poll(1, TimeUnit.SECONDS);
        assertTrue(told != null && told.sameTargetsAs(followed), "the listener heard of the change: " + told);
    }

    @Test
    void aKilledFirstResolverRefusesAtOnceAndTheSecondAnswers() throws Exception {
        first.close();
        SipServerLocator l = realTime(settings().build());
        long start = System.nanoTime();
        Resolution carriers = resolve(l, CARRIERS);
        long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        assertEquals(Resolution.Status.RESOLVED, carriers.status());
        assertEquals(2, carriers.targets().size());
        assertTrue(tookMillis < 1000, "no waiting for the query timeout: " + tookMillis + " ms");
        assertTrue(second.logLinesWith("query[SRV] _sip._udp.carriers.sipfront.test") >= 1);
        assertTrue(l.stats().problems().isEmpty(), "one resolver down is no DNS failure");
    }

    @Test
    void aFirstResolverAnsweringRefusedIsPassedOver() throws Exception {
        first.close();
        first = Dnsmasq.start(FIRST, dir, null, TTL, List.of()); // knows nothing, forwards nowhere: REFUSED
        SipServerLocator l = realTime(settings().build());
        Resolution carriers = resolve(l, CARRIERS);
        assertEquals(Resolution.Status.RESOLVED, carriers.status(), carriers.toString());
        assertEquals(2, carriers.targets().size());
        assertTrue(first.logLinesWith("query[NAPTR] carriers.sipfront.test") >= 1, "the first was asked");
        assertTrue(l.stats().problems().isEmpty(), l.stats().problems().toString());
    }

    @Test
    void aSilentFirstResolverTimesOutAndTheSecondAnswersWithinTheQueryTimeout() throws Exception {
        first.close();
        try (DatagramSocket silent = new DatagramSocket(new InetSocketAddress(FIRST, 53))) {
            assertTrue(silent.isBound(), "bound and never read: queries to it go unanswered");
            SipServerLocator l = realTime(settings().build());
            long start = System.nanoTime();
            Resolution ca = resolve(l, new TargetUri("ca.sipfront.test", 5060, null, false));
            long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(List.of(ip("127.0.0.20")), ca.targets().get(0).addresses());
            assertTrue(tookMillis >= 900 && tookMillis < 2000,
                    "the second resolver is asked once the 1 s query timeout ran out: " + tookMillis + " ms");

            start = System.nanoTime();
            Resolution carriers = resolve(l, CARRIERS);
            tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
            assertEquals(2, carriers.targets().size());
            assertTrue(tookMillis < 900, "the silent resolver is asked last now: " + tookMillis + " ms");
        }
    }

    @Test
    void withBothResolversDownTheLastAnswersKeepServing() throws Exception {
        SipServerLocator l = realTime(settings().maxTtl(Duration.ofSeconds(1)).build());
        Resolution before = resolve(l, CARRIERS);
        first.close();
        second.close();
        Resolution stale = awaitCached(l, CARRIERS, Duration.ofSeconds(5), Resolution::stale);
        assertTrue(stale.sameTargetsAs(before), stale.toString());
        Resolution resolved = resolve(l, CARRIERS);
        assertEquals(Resolution.Status.RESOLVED, resolved.status());
        assertTrue(resolved.sameTargetsAs(before));
        assertTrue(l.stats().failures() > 0);
        assertTrue(l.stats().staleAnswers() > 0);
        assertTrue(l.stats().problems().stream().anyMatch(p -> p.name().equals("ca.sipfront.test")
                && p.type().equals("A") && p.servingStale()), l.stats().problems().toString());
    }

    @Test
    void staleAnswersServeForAtLeastTenMinutesAndUntilMaxStale() throws Exception {
        FakeClock clock = new FakeClock();
        SipServerLocator l = onFakeClock(settings().build(), clock);
        Resolution platform = resolve(l, PLATFORM);
        Resolution carriers = resolve(l, CARRIERS);
        first.close();
        second.close();
        for (Duration step : List.of(Duration.ofMinutes(10), Duration.ofHours(1), Duration.ofHours(22))) {
            clock.advance(step);
            l.refreshDue().get(20, TimeUnit.SECONDS);
            for (Resolution before : List.of(platform, carriers)) {
                Resolution now = resolve(l, before.uri());
                assertEquals(Resolution.Status.RESOLVED, now.status(), now.toString());
                assertTrue(now.sameTargetsAs(before), now.toString());
                assertTrue(now.stale());
                assertTrue(l.cached(before.uri()).orElseThrow().sameTargetsAs(before));
            }
        }
        clock.advance(Duration.ofHours(1)); // 24 h 10 min past: beyond max stale (24 h) plus every TTL
        l.refreshDue().get(20, TimeUnit.SECONDS);
        assertEquals(Resolution.Status.UNAVAILABLE, resolve(l, CARRIERS).status());
        assertEquals(Optional.empty(), l.cached(CARRIERS));
    }

    @Test
    void ttlsAreClampedByMinimumAndMaximum() {
        FakeClock clock = new FakeClock();
        SipServerLocator l = onFakeClock(settings().minTtl(Duration.ofSeconds(30)).maxTtl(Duration.ofMinutes(10))
                .build(), clock);
        resolve(l, new TargetUri("ca.sipfront.test", 5060, null, false));
        resolve(l, new TargetUri("long.sipfront.test", 5060, null, false));
        assertEquals(Duration.ofSeconds(30), lifetime(l, "ca.sipfront.test"), "TTL 5 s raised to the minimum");
        assertEquals(Duration.ofMinutes(10), lifetime(l, "long.sipfront.test"), "TTL 1 h cut to the maximum");
        long asked = l.stats().queries();
        clock.advance(Duration.ofSeconds(29));
        resolve(l, new TargetUri("ca.sipfront.test", 5060, null, false));
        assertEquals(asked, l.stats().queries(), "still within the clamped TTL: not asked again");
    }

    private static Duration lifetime(SipServerLocator l, String host) {
        RecordCache.Entry e = l.cache().entry(name(host), Type.A).orElseThrow();
        return Duration.ofNanos(e.expiresAt() - e.receivedAt());
    }

    @Test
    void callsSpreadByWeightWithinAPriorityAndFailOverByPriority() {
        SipServerLocator l = realTime(settings().build());
        Resolution platform = resolve(l, PLATFORM);
        Resolution carriers = resolve(l, CARRIERS);
        SplittableRandom random = new SplittableRandom(2);
        Map<String, Integer> firstPicks = new HashMap<>();
        for (int i = 0; i < 20_000; i++) {
            firstPicks.merge(SrvSelection.attemptOrder(platform.targets(), random).get(0).host(), 1, Integer::sum);
            List<ResolvedTarget> order = SrvSelection.attemptOrder(carriers.targets(), random);
            assertEquals(List.of("ca.sipfront.test", "cb.sipfront.test"), order.stream().map(ResolvedTarget::host)
                    .toList(), "priority 10 first, then 20");
        }
        assertEquals(0.5, firstPicks.get("p1.sipfront.test") / 20_000.0, 0.02, firstPicks.toString());
    }

    @Test
    void concurrentLookupsOfOneUriAskEachQuestionOnce() throws Exception {
        SipServerLocator l = realTime(settings().build());
        int callers = 50;
        CountDownLatch go = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<CompletableFuture<Resolution>> all = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                all.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        go.await();
                    } catch (InterruptedException e) {
                        throw new IllegalStateException(e);
                    }
                    return l.resolve(CARRIERS).toCompletableFuture().join();
                }, pool));
            }
            go.countDown();
            for (CompletableFuture<Resolution> f : all) {
                assertEquals(2, f.get(20, TimeUnit.SECONDS).targets().size());
            }
        } finally {
            pool.shutdownNow();
        }
        // NAPTR, SRV, and A + AAAA of the two targets: each asked once for all 50 callers
        assertEquals(6, l.stats().queries());
        assertEquals(1, first.logLinesWith("query[SRV] _sip._udp.carriers.sipfront.test"));
    }

    @Test
    void aLargeSrvSetTruncatedOverUdpArrivesOverTcp() throws Exception {
        second.close();
        first.close();
        List<String> records = new ArrayList<>(RECORDS);
        for (int i = 0; i < 40; i++) {
            records.add("--srv-host=_sip._tcp.big.sipfront.test,edge-node-number-" + i
                    + ".large-carrier-cluster.sipfront.test," + (5000 + i) + ",10," + (i + 1));
        }
        first = Dnsmasq.start(FIRST, dir, hosts, TTL, records);
        second = Dnsmasq.start(SECOND, dir, hosts, TTL, records);
        SimpleResolver udpOnly = new SimpleResolver(new InetSocketAddress(FIRST, 53));
        udpOnly.setIgnoreTruncation(true);
        Message overUdp = udpOnly.send(Message.newQuery(org.xbill.DNS.Record.newRecord(
                name("_sip._tcp.big.sipfront.test"), Type.SRV, DClass.IN)));
        assertTrue(overUdp.getHeader().getFlag(Flags.TC), "the set does not fit a UDP answer");

        SipServerLocator l = realTime(settings().build());
        Resolution big = resolve(l, new TargetUri("big.sipfront.test", 0, Transport.TCP, false));
        assertEquals(40, big.targets().size(), big.toString());
        assertEquals(List.of(5039, 5038), big.targets().stream().limit(2).map(ResolvedTarget::port).toList(),
                "ordered by weight within the priority");
        assertTrue(l.stats().problems().isEmpty(), l.stats().problems().toString());
    }
}
