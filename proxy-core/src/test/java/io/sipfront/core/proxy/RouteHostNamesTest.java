package io.sipfront.core.proxy;

import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.TestConfigs;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.net.Transport;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Host names in the Route set of in-dialog requests: routed from the DNS cache, never waited for. */
class RouteHostNamesTest {
    private final List<String> asked = new ArrayList<>();

    private static String bye(String ruri, String route, int cseq) {
        return "BYE " + ruri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5060;branch=z9hG4bK-bye" + cseq + "\r\n"
                + "From: <sip:a@x>;tag=f\r\nTo: <sip:b@y>;tag=t\r\n"
                + "Call-ID: names" + cseq + "\r\nCSeq: " + cseq + " BYE\r\n"
                + "Route: " + route + "\r\n"
                + "Max-Forwards: 70\r\nContent-Length: 0\r\n\r\n";
    }

    private RouteHostNames cache(String knownHost, OutboundTarget target) {
        return uri -> {
            asked.add(uri.toString());
            return uri.getHost().equals(knownHost) ? Optional.of(target) : Optional.empty();
        };
    }

    @Test
    void aCachedRouteHostIsFollowedWithTheUriHostAsTlsName() {
        OutboundTarget cb = OutboundTarget.of(Transport.UDP, new InetSocketAddress("127.0.0.21", 5070),
                "cb.sipfront.test");
        ProxyHarness h = new ProxyHarness(TestConfigs.loopback(), RequestRewriter.NONE, cache("cb.sipfront.test", cb));
        h.receive(bye("sip:callee@127.0.0.20:5060", "<sip:127.0.0.1:5060;lr>, <sip:cb.sipfront.test;lr>", 1),
                PLATFORM);
        List<Out> out = h.drain();
        assertEquals(1, out.size(), out.toString());
        assertTrue(out.get(0).isRequest("BYE"));
        assertEquals("127.0.0.21:5070", out.get(0).to(), "loose routing to the next Route, by its cached address");
        assertEquals(List.of("sip:cb.sipfront.test;lr"), asked);
    }

    @Test
    void aNameInTheRemoteTargetResolvesTooAndAnUnknownNameGets404AsBefore() {
        OutboundTarget p1 = OutboundTarget.of(Transport.UDP, new InetSocketAddress("127.0.0.10", 5060),
                "platform.sipfront.test");
        ProxyHarness h = new ProxyHarness(TestConfigs.loopback(), RequestRewriter.NONE,
                cache("platform.sipfront.test", p1));
        h.receive(bye("sip:stub@platform.sipfront.test", "<sip:127.0.0.1:5060;lr>", 2), "127.0.0.20:5060");
        assertEquals(List.of("127.0.0.10:5060"), h.drain().stream().map(Out::to).toList());
        h.receive(bye("sip:stub@unknown.sipfront.test", "<sip:127.0.0.1:5060;lr>", 3), "127.0.0.20:5060");
        assertEquals(List.of(404), h.drain().stream().map(Out::status).toList(), "not known yet: 404, no wait");
    }

    @Test
    void withoutTheHookNamesAreNotRoutable() {
        ProxyHarness h = new ProxyHarness();
        h.receive(bye("sip:callee@127.0.0.20:5060", "<sip:127.0.0.1:5060;lr>, <sip:cb.sipfront.test;lr>", 4),
                PLATFORM);
        assertEquals(List.of(404), h.drain().stream().map(Out::status).toList());
    }
}
