package io.sipfront.resolver;

import static io.sipfront.resolver.Records.a;
import static io.sipfront.resolver.Records.ip;
import static io.sipfront.resolver.Records.name;
import static io.sipfront.resolver.Records.srv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.xbill.DNS.Type;

class SipServerLocatorTest {
    private static final TargetUri CARRIERS = TargetUri.sip("carriers.sipfront.test");

    private final FakeClock clock = new FakeClock();
    private final FakeDns dns = new FakeDns();
    private final LinkedBlockingQueue<Resolution> changes = new LinkedBlockingQueue<>();
    private SipServerLocator locator = locator(DnsSettings.DEFAULTS);

    private SipServerLocator locator(DnsSettings settings) {
        SplittableRandom random = new SplittableRandom(9);
        DnsEventListener listener = new DnsEventListener() {
            @Override
            public void resolutionChanged(Resolution resolution) {
                changes.add(resolution);
            }
        };
        return new SipServerLocator(settings, clock, random::nextLong, listener, executor -> dns, false);
    }

    @AfterEach
    void close() {
        locator.close();
    }

    private void carriersZone(String caAddress) {
        dns.replace(name("_sip._udp.carriers.sipfront.test"), Type.SRV,
                srv("_sip._udp.carriers.sipfront.test", 10, 0, 5060, "ca.sipfront.test", 5),
                srv("_sip._udp.carriers.sipfront.test", 20, 0, 5060, "cb.sipfront.test", 5));
        dns.replace(name("ca.sipfront.test"), Type.A, a("ca.sipfront.test", caAddress, 5));
        dns.replace(name("cb.sipfront.test"), Type.A, a("cb.sipfront.test", "127.0.0.21", 5));
    }

    private Resolution nextChange() throws InterruptedException {
        Resolution r = changes.poll(5, TimeUnit.SECONDS);
        assertTrue(r != null, "no resolutionChanged within 5 s");
        return r;
    }

    private Resolution resolve(TargetUri uri) {
        return locator.resolve(uri).toCompletableFuture().orTimeout(5, TimeUnit.SECONDS).join();
    }

    @Test
    void lookupsRunOnTheResolverThreadsNeverOnTheCaller() {
        carriersZone("127.0.0.20");
        resolve(CARRIERS);
        assertFalse(dns.askingThreads().isEmpty());
        assertTrue(dns.askingThreads().stream().allMatch(t -> t.startsWith("sipfront-dns-")), dns.askingThreads()
                .toString());
    }

    @Test
    void theRefreshRoundsStartWithTheFirstNameNotForIpLiterals() {
        locator.close();
        locator = new SipServerLocator(DnsSettings.DEFAULTS, clock, new SplittableRandom(9)::nextLong,
                new DnsEventListener() { }, executor -> dns, true);
        TargetUri literal = new TargetUri("127.0.0.20", 5060, Transport.UDP, false);
        resolve(literal);
        locator.cached(literal);
        assertFalse(locator.refreshRoundsStarted(), "a node with only IP destinations has nothing to refresh");
        carriersZone("127.0.0.20");
        resolve(CARRIERS);
        assertTrue(locator.refreshRoundsStarted());
    }

    @Test
    void anIpLiteralIsAnsweredAtOnceWithoutDns() {
        TargetUri literal = new TargetUri("192.0.2.1", 5070, Transport.TCP, false);
        assertTrue(locator.resolve(literal).toCompletableFuture().isDone());
        Resolution r = locator.cached(literal).orElseThrow();
        assertEquals(List.of(new ResolvedTarget("192.0.2.1", 5070, Transport.TCP, 0, 0, List.of(ip("192.0.2.1")),
                true)), r.targets());
        assertTrue(dns.asked().isEmpty());
    }

    @Test
    void cachedAnswersAtOnceAndStartsTheLookupInTheBackground() throws InterruptedException {
        carriersZone("127.0.0.20");
        dns.holding(true);
        assertEquals(Optional.empty(), locator.cached(CARRIERS), "nothing known yet, and no waiting for DNS");
        dns.holding(false);
        dns.release();
        Resolution first = nextChange();
        assertEquals(List.of(ip("127.0.0.20")), first.targets().get(0).addresses());
        Resolution known = locator.cached(CARRIERS).orElseThrow();
        assertTrue(known.sameTargetsAs(first));
        assertFalse(known.stale());
    }

    @Test
    void aRefreshBeforeExpiryFollowsAChangedRecordAndTellsTheListener() throws Exception {
        carriersZone("127.0.0.20");
        assertEquals(Resolution.Status.RESOLVED, resolve(CARRIERS).status());
        nextChange();
        int askedBefore = dns.asked().size();
        locator.refreshDue().get(5, TimeUnit.SECONDS);
        assertEquals(askedBefore, dns.asked().size(), "nothing is due yet");

        carriersZone("127.0.0.22");
        clock.advance(Duration.ofSeconds(4)); // refresh at 70..80 % of the 5 s TTL
        locator.refreshDue().get(5, TimeUnit.SECONDS);
        Resolution changed = nextChange();
        assertEquals(List.of(ip("127.0.0.22")), changed.targets().get(0).addresses());
        Resolution now = locator.cached(CARRIERS).orElseThrow();
        assertEquals(List.of(ip("127.0.0.22")), now.targets().get(0).addresses());
        assertFalse(now.stale(), "refreshed before the TTL ran out");
        assertTrue(changes.isEmpty());
    }

    @Test
    void withEveryResolverDownTheLastTargetsKeepServing() throws Exception {
        carriersZone("127.0.0.20");
        Resolution before = resolve(CARRIERS);
        nextChange();
        dns.down(true);
        for (Duration step : List.of(Duration.ofSeconds(6), Duration.ofMinutes(10), Duration.ofHours(12))) {
            clock.advance(step);
            locator.refreshDue().get(5, TimeUnit.SECONDS);
            Resolution cached = locator.cached(CARRIERS).orElseThrow();
            assertTrue(cached.sameTargetsAs(before));
            Resolution resolved = resolve(CARRIERS);
            assertTrue(resolved.sameTargetsAs(before));
            assertTrue(resolved.stale());
        }
        assertTrue(changes.isEmpty(), "a DNS failure never changes the targets: " + changes);
        assertTrue(locator.stats().failures() > 0);
        assertTrue(locator.stats().staleAnswers() > 0);
        assertTrue(locator.stats().problems().stream().anyMatch(p -> p.name().equals("carriers.sipfront.test")
                && p.type().equals("NAPTR") && p.servingStale()), locator.stats().problems().toString());
    }

    @Test
    void nothingCachedAndDnsDownIsUnavailableNotAnException() {
        dns.down(true);
        Resolution r = resolve(CARRIERS);
        assertEquals(Resolution.Status.UNAVAILABLE, r.status());
        assertTrue(r.via().contains("carriers.sipfront.test/NAPTR"), r.via());
        assertEquals(Optional.empty(), locator.cached(CARRIERS));
        assertTrue(changes.isEmpty());
    }

    @Test
    void aUriNobodyAsksForStopsBeingRefreshed() throws Exception {
        locator.close();
        locator = locator(DnsSettings.builder().idleTimeout(Duration.ofMinutes(1)).build());
        carriersZone("127.0.0.20");
        resolve(CARRIERS);
        clock.advance(Duration.ofSeconds(30));
        int asked = dns.asked().size();
        locator.refreshDue().get(5, TimeUnit.SECONDS);
        assertTrue(dns.asked().size() > asked, "refreshed while in use");
        clock.advance(Duration.ofSeconds(61));
        asked = dns.asked().size();
        locator.refreshDue().get(5, TimeUnit.SECONDS);
        assertEquals(asked, dns.asked().size(), "idle for more than idle_timeout: no refresh");
        assertTrue(locator.cached(CARRIERS).orElseThrow().stale(), "its last answer still serves");
    }
}
