package io.sipfront.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.address.AddressFactoryImpl;
import gov.nist.javax.sip.address.SipUri;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.resolver.Resolution;
import io.sipfront.resolver.ResolvedTarget;
import io.sipfront.resolver.TargetUri;
import io.sipfront.resolver.Transport;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Route hosts of in-dialog requests from the DNS cache: the URI's RFC 3263 parts, SRV order, the TLS name. */
class DnsRouteHostsTest {
    private final List<TargetUri> asked = new ArrayList<>();

    private static SipUri uri(String text) throws Exception {
        return (SipUri) new AddressFactoryImpl().createURI(text);
    }

    private static ResolvedTarget target(String host, int priority, String... ips) throws Exception {
        List<InetAddress> addresses = new ArrayList<>();
        for (String ip : ips) {
            addresses.add(InetAddress.getByName(ip));
        }
        return new ResolvedTarget(host, 5061, Transport.TLS, priority, 50, addresses, true);
    }

    private DnsRouteHosts cacheAnswering(Resolution answer) {
        return new DnsRouteHosts(u -> {
            asked.add(u);
            return Optional.ofNullable(answer);
        });
    }

    @Test
    void theLowestPriorityTargetWithAnAddressIsUsedAndTheCertificateMustNameTheUriHost() throws Exception {
        TargetUri wanted = new TargetUri("platform.sipfront.test", 0, Transport.TLS, false);
        Resolution answer = new Resolution(wanted, Resolution.Status.RESOLVED, List.of(
                target("p0.sipfront.test", 5), target("p1.sipfront.test", 10, "127.0.0.10"),
                target("p9.sipfront.test", 20, "127.0.0.99")), true, "SRV _sips._tcp.platform.sipfront.test");
        OutboundTarget t = cacheAnswering(answer).cached(uri("sip:platform.sipfront.test;transport=tls;lr"))
                .orElseThrow();
        assertEquals(List.of(wanted), asked, "transport parameter: SRV for it, no port");
        assertEquals(io.sipfront.net.Transport.TLS, t.transport());
        assertEquals("127.0.0.10", t.address().getAddress().getHostAddress(), "p0 has no address; a stale answer serves");
        assertEquals(5061, t.address().getPort());
        assertEquals("platform.sipfront.test", t.verifiedName(), "RFC 5922: the URI host, not p1.sipfront.test");
    }

    @Test
    void aMissAnswersEmptyAtOnceAndAnUnknownTransportIsNotAsked() throws Exception {
        assertTrue(cacheAnswering(null).cached(uri("sips:edge.sipfront.test:5062;lr")).isEmpty());
        assertEquals(List.of(new TargetUri("edge.sipfront.test", 5062, null, true)), asked);
        assertTrue(cacheAnswering(null).cached(uri("sip:edge.sipfront.test;transport=sctp;lr")).isEmpty());
        assertEquals(1, asked.size(), "sctp is not ours: nothing asked");
    }
}
