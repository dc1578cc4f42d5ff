package io.sipfront.resolver;

import static io.sipfront.resolver.Records.a;
import static io.sipfront.resolver.Records.aaaa;
import static io.sipfront.resolver.Records.ip;
import static io.sipfront.resolver.Records.naptr;
import static io.sipfront.resolver.Records.srv;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class LocationProcedureTest {
    private final FakeDns dns = new FakeDns();
    private final LocationProcedure procedure = new LocationProcedure(true, true);

    private Resolution locate(TargetUri uri) {
        return locate(procedure, uri);
    }

    private Resolution locate(LocationProcedure p, TargetUri uri) {
        return p.locate(uri, (name, type) -> dns.query(name, type).thenApply(a -> new CachedAnswer(a, false, 0)))
                .join();
    }

    /** The issue's records: NAPTR and AAAA have no data, SRV and A do. */
    private void issueZone() {
        dns.add(srv("_sips._tcp.platform.sipfront.test", 10, 50, 5061, "p1.sipfront.test", 5),
                srv("_sips._tcp.platform.sipfront.test", 10, 50, 5061, "p2.sipfront.test", 5),
                a("p1.sipfront.test", "127.0.0.10", 5), a("p2.sipfront.test", "127.0.0.11", 5),
                srv("_sip._udp.carriers.sipfront.test", 10, 0, 5060, "ca.sipfront.test", 5),
                srv("_sip._udp.carriers.sipfront.test", 20, 0, 5060, "cb.sipfront.test", 5),
                a("ca.sipfront.test", "127.0.0.20", 5), a("cb.sipfront.test", "127.0.0.21", 5));
    }

    @Test
    void anIpLiteralIsUsedAsIsWithoutAnyQuestion() {
        Resolution v4 = locate(TargetUri.sip("192.0.2.7"));
        assertEquals(List.of(new ResolvedTarget("192.0.2.7", 5060, Transport.UDP, 0, 0, List.of(ip("192.0.2.7")),
                true)), v4.targets());
        Resolution v6 = locate(new TargetUri("[2001:db8::1]", 0, null, true));
        assertEquals(5061, v6.targets().get(0).port());
        assertEquals(Transport.TLS, v6.targets().get(0).transport());
        assertEquals(List.of(ip("2001:db8::1")), v6.targets().get(0).addresses());
        Resolution tcp = locate(new TargetUri("10.0.0.1", 5070, Transport.TCP, false));
        assertEquals(5070, tcp.targets().get(0).port());
        assertEquals(Transport.TCP, tcp.targets().get(0).transport());
        assertTrue(dns.asked().isEmpty(), dns.asked().toString());
    }

    @Test
    void anExplicitPortMeansAddressRecordsOnly() {
        issueZone();
        Resolution r = locate(new TargetUri("ca.sipfront.test", 5080, null, false));
        assertEquals(List.of(new ResolvedTarget("ca.sipfront.test", 5080, Transport.UDP, 0, 0,
                List.of(ip("127.0.0.20")), true)), r.targets());
        assertEquals(List.of("ca.sipfront.test/A", "ca.sipfront.test/AAAA"), dns.asked());
    }

    @Test
    void anExplicitTransportMeansSrvForThatTransport() {
        issueZone();
        Resolution r = locate(new TargetUri("platform.sipfront.test", 0, Transport.TLS, false));
        assertEquals(Resolution.Status.RESOLVED, r.status());
        assertEquals(List.of(
                new ResolvedTarget("p1.sipfront.test", 5061, Transport.TLS, 10, 50, List.of(ip("127.0.0.10")), true),
                new ResolvedTarget("p2.sipfront.test", 5061, Transport.TLS, 10, 50, List.of(ip("127.0.0.11")), true)),
                r.targets());
        assertEquals("SRV _sips._tcp.platform.sipfront.test", r.via());
        assertEquals(0, dns.askedFor("platform.sipfront.test/NAPTR"));
    }

    @Test
    void withoutPortOrTransportNaptrThenSrvThenTheTargetsAddresses() {
        issueZone();
        Resolution r = locate(TargetUri.sip("carriers.sipfront.test"));
        assertEquals(List.of(
                new ResolvedTarget("ca.sipfront.test", 5060, Transport.UDP, 10, 0, List.of(ip("127.0.0.20")), true),
                new ResolvedTarget("cb.sipfront.test", 5060, Transport.UDP, 20, 0, List.of(ip("127.0.0.21")), true)),
                r.targets());
        assertEquals(List.of("carriers.sipfront.test/NAPTR", "_sip._udp.carriers.sipfront.test/SRV"),
                dns.asked().subList(0, 2));
        assertEquals(0, dns.askedFor("_sip._tcp.carriers.sipfront.test/SRV"), "UDP answered: TCP not asked");
        assertFalse(r.stale());
    }

    @Test
    void naptrChoosesTheTransportAndItsSrvName() {
        dns.add(naptr("carrier.test", 10, 10, "s", "SIP+D2T", "_sip._tcp.sbc.carrier.test", 60),
                naptr("carrier.test", 20, 10, "s", "SIP+D2U", "_sip._udp.sbc.carrier.test", 60),
                srv("_sip._tcp.sbc.carrier.test", 1, 1, 5070, "edge.carrier.test", 60),
                srv("_sip._udp.sbc.carrier.test", 1, 1, 5060, "edge.carrier.test", 60),
                a("edge.carrier.test", "192.0.2.50", 60), aaaa("edge.carrier.test", "2001:db8::50", 60));
        Resolution r = locate(TargetUri.sip("carrier.test"));
        assertEquals(List.of(new ResolvedTarget("edge.carrier.test", 5070, Transport.TCP, 1, 1,
                List.of(ip("192.0.2.50"), ip("2001:db8::50")), true)), r.targets());
        assertEquals("NAPTR SIP+D2T -> SRV _sip._tcp.sbc.carrier.test", r.via());
    }

    @Test
    void aNaptrWhoseSrvIsEmptyGivesWayToTheNextNaptr() {
        dns.add(naptr("carrier.test", 10, 10, "s", "SIP+D2T", "_sip._tcp.gone.carrier.test", 60),
                naptr("carrier.test", 20, 10, "s", "SIP+D2U", "_sip._udp.sbc.carrier.test", 60),
                srv("_sip._udp.sbc.carrier.test", 1, 1, 5060, "edge.carrier.test", 60),
                a("edge.carrier.test", "192.0.2.50", 60));
        Resolution r = locate(TargetUri.sip("carrier.test"));
        assertEquals(Transport.UDP, r.targets().get(0).transport());
        assertEquals(1, dns.askedFor("_sip._tcp.gone.carrier.test/SRV"));
    }

    @Test
    void withoutNaptrAndSrvTheHostsAddressesOnTheDefaultPort() {
        dns.add(a("plain.test", "192.0.2.9", 60));
        Resolution sip = locate(TargetUri.sip("plain.test"));
        assertEquals(List.of(new ResolvedTarget("plain.test", 5060, Transport.UDP, 0, 0, List.of(ip("192.0.2.9")),
                true)), sip.targets());
        assertEquals(1, dns.askedFor("_sip._tcp.plain.test/SRV"), "both SIP SRV services are tried first");
        Resolution sips = locate(new TargetUri("plain.test", 0, null, true));
        assertEquals(5061, sips.targets().get(0).port());
        assertEquals(Transport.TLS, sips.targets().get(0).transport());
        assertEquals(1, dns.askedFor("_sips._tcp.plain.test/SRV"));
    }

    @Test
    void aNameWithNothingIsNotFound() {
        Resolution r = locate(TargetUri.sip("nowhere.test"));
        assertEquals(Resolution.Status.NOT_FOUND, r.status());
        assertTrue(r.targets().isEmpty());
    }

    @Test
    void srvTargetDotMeansNoServiceAndStopsTheFallback() {
        dns.add(srv("_sips._tcp.closed.test", 0, 0, 0, ".", 60), a("closed.test", "192.0.2.1", 60));
        Resolution r = locate(new TargetUri("closed.test", 0, Transport.TLS, false));
        assertEquals(Resolution.Status.NOT_FOUND, r.status());
        assertEquals(0, dns.askedFor("closed.test/A"));
    }

    @Test
    void aFailedQuestionBeforeTheTargetsFailsTheResolution() {
        issueZone();
        dns.failing("carriers.sipfront.test/NAPTR");
        CompletionException e = assertThrows(CompletionException.class,
                () -> locate(TargetUri.sip("carriers.sipfront.test")));
        assertInstanceOf(DnsUnavailableException.class, RecordCache.unwrap(e));
        assertEquals(0, dns.askedFor("_sip._udp.carriers.sipfront.test/SRV"), "a failure is no fall-through");
    }

    @Test
    void aTargetWhoseAddressesFailedStaysWithoutAddresses() {
        issueZone();
        dns.failing("cb.sipfront.test/A").failing("cb.sipfront.test/AAAA");
        Resolution r = locate(TargetUri.sip("carriers.sipfront.test"));
        assertEquals(Resolution.Status.RESOLVED, r.status());
        assertTrue(r.targets().get(0).addressesKnown());
        assertEquals(new ResolvedTarget("cb.sipfront.test", 5060, Transport.UDP, 20, 0, List.of(), false),
                r.targets().get(1));
    }

    @Test
    void aFailedAaaaNextToAnsweredAIsNoFailure() {
        issueZone();
        dns.failing("ca.sipfront.test/AAAA");
        Resolution r = locate(new TargetUri("ca.sipfront.test", 5060, null, false));
        assertEquals(List.of(ip("127.0.0.20")), r.targets().get(0).addresses());
    }

    @Test
    void oneStaleAnswerMakesTheResolutionStale() {
        issueZone();
        Resolution r = procedure.locate(TargetUri.sip("carriers.sipfront.test"), (name, type) -> dns.query(name, type)
                .thenApply(a -> new CachedAnswer(a, name.toString(true).equals("cb.sipfront.test"), 0))).join();
        assertTrue(r.stale());
    }

    @Test
    void naptrAndIpv6CanBeTurnedOff() {
        issueZone();
        locate(new LocationProcedure(false, false), TargetUri.sip("carriers.sipfront.test"));
        assertEquals(List.of("_sip._udp.carriers.sipfront.test/SRV", "ca.sipfront.test/A", "cb.sipfront.test/A"),
                dns.asked().stream().sorted().toList());
    }
}
