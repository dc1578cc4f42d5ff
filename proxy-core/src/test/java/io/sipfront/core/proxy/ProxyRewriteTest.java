package io.sipfront.core.proxy;

import static io.sipfront.core.testing.Sip.CARRIER_A;
import static io.sipfront.core.testing.Sip.CARRIER_B;
import static io.sipfront.core.testing.Sip.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.ProxyHarness.Out;
import io.sipfront.core.testing.Sip;
import io.sipfront.core.testing.TestConfigs;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The proxy's number-normalization hook: when it is called, on what, and what its answers do to the call. */
class ProxyRewriteTest {
    /** Prefixes the dialled user with the carrier name; refuses the carriers listed in {@code refuse}. */
    private static final class TaggingRewriter implements RequestRewriter {
        final List<String> seen = new ArrayList<>();
        final List<String> refuse = new ArrayList<>();

        @Override
        public Rewrite inbound(SIPRequest request, String carrier) {
            return tag(request, "in-" + carrier);
        }

        @Override
        public Rewrite outbound(SIPRequest request, String carrier) {
            return tag(request, "out-" + carrier);
        }

        private Rewrite tag(SIPRequest request, String tag) {
            SipUri uri = (SipUri) request.getRequestURI();
            seen.add(tag + ":" + uri.getUser());
            if (refuse.contains(tag)) {
                return new Rewrite.Reject(484, "Address Incomplete");
            }
            uri.setUser(tag + "-" + uri.getUser());
            ((SipUri) request.getTo().getAddress().getURI()).setUser(tag);
            return new Rewrite.Forward(request);
        }
    }

    private final TaggingRewriter rewriter = new TaggingRewriter();
    private final ProxyHarness h = new ProxyHarness(TestConfigs.loopback(), rewriter);

    @Test
    void eachFailoverAttemptIsRewrittenForItsCarrierFromTheRequestAsReceived() {
        h.receive(Sip.invite("rw1"), PLATFORM);
        List<Out> out = h.drain();
        SIPRequest toA = out.get(1).request();
        assertEquals("sip:out-carrier-a-15551234567@127.0.0.20:5060", toA.getRequestURI().toString());
        h.receive(Sip.respond(toA, 503, "Service Unavailable", "a", null), CARRIER_A);
        out = h.drain();
        SIPRequest toB = out.get(1).request();
        assertEquals(CARRIER_B, out.get(1).to());
        assertEquals("sip:out-carrier-b-15551234567@127.0.0.21:5060", toB.getRequestURI().toString(),
                "carrier B's format, built from the original number, not from A's");
        assertEquals("out-carrier-b", ((SipUri) toB.getTo().getAddress().getURI()).getUser());
        assertEquals(2, toB.getViaHeaders().size(), "one Via of ours on the fresh copy");
        assertEquals(1, toB.getRecordRouteHeaders().size(), "one Record-Route of ours on the fresh copy");
        assertEquals(69, toB.getMaxForwards().getMaxForwards());
        assertEquals(List.of("out-carrier-a:15551234567", "out-carrier-b:15551234567"), rewriter.seen);
        h.receive(Sip.respond(toB, 200, "OK", "b", CARRIER_B), CARRIER_B);
        assertEquals(List.of(200), h.drain().stream().map(Out::status).toList());
    }

    @Test
    void aCarrierWhoseRulesRefuseTheNumberIsSkipped() {
        rewriter.refuse.add("out-carrier-a");
        h.receive(Sip.invite("rw2"), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(2, out.size(), out.toString());
        assertEquals(CARRIER_B, out.get(1).to());
    }

    @Test
    void whenEveryCarrierRefusesTheCallerGetsTheRefusal() {
        rewriter.refuse.add("out-carrier-a");
        rewriter.refuse.add("out-carrier-b");
        h.receive(Sip.invite("rw3"), PLATFORM);
        List<Out> out = h.drain();
        assertEquals(List.of(100, 484), out.stream().map(Out::status).toList());
        assertEquals("carrier-a:rejected-484,carrier-b:rejected-484", h.attempts(0));
    }

    @Test
    void inboundCallsAreRewrittenOnceWithTheSourceCarrier() {
        h.receive(Sip.invite("rw4", "z9hG4bK-rw4", CARRIER_A, ""), CARRIER_A);
        List<Out> out = h.drain();
        assertTrue(out.get(1).isRequest("INVITE"), out.toString());
        assertEquals("in-carrier-a-15551234567", ((SipUri) out.get(1).request().getRequestURI()).getUser());
        assertEquals(List.of("in-carrier-a:15551234567"), rewriter.seen);
    }

    @Test
    void anInboundRefusalIsAnsweredLocallyAndNothingIsForwarded() {
        rewriter.refuse.add("in-carrier-a");
        h.receive(Sip.invite("rw5", "z9hG4bK-rw5", CARRIER_A, ""), CARRIER_A);
        List<Out> out = h.drain();
        assertEquals(List.of(100, 484), out.stream().map(Out::status).toList(), "nothing goes to the platform");
        assertEquals(CARRIER_A, out.get(1).to());
        assertEquals("numbering:rejected-484", h.attempts(0), "the call is logged");
        h.receive(Sip.invite("rw5", "z9hG4bK-rw5", CARRIER_A, ""), CARRIER_A);
        assertEquals(List.of(484), h.drain().stream().map(Out::status).toList(),
                "a retransmission gets the same answer from the transaction");
        assertEquals(1, rewriter.seen.size(), "and is not rewritten (nor counted) again");
    }

    @Test
    void requestsThatAreNotNewInvitesAreLeftAlone() {
        h.receive(Sip.invite("rw6").replace("INVITE", "OPTIONS").replace("Content-Type: application/sdp\r\n", ""),
                PLATFORM);
        assertTrue(rewriter.seen.isEmpty(), rewriter.seen.toString());
    }

    /** A bug of ours while building one attempt is not the carrier's failure: logged, counted, next carrier. */
    @Test
    void anInternalErrorInAnAttemptIsCountedAndNeverHeldAgainstTheCarrier() {
        RequestRewriter broken = new RequestRewriter() {
            @Override
            public Rewrite inbound(SIPRequest request, String carrier) {
                return new Rewrite.Forward(request);
            }

            @Override
            public Rewrite outbound(SIPRequest request, String carrier) {
                if ("carrier-a".equals(carrier)) {
                    throw new IllegalStateException("a bug in the number rules");
                }
                return new Rewrite.Forward(request);
            }
        };
        ProxyHarness b = new ProxyHarness(TestConfigs.loopback(), broken);
        b.receive(Sip.invite("ie1"), PLATFORM);
        List<Out> out = b.drain();
        assertEquals(CARRIER_B, out.get(1).to(), "the call goes on to the next carrier: " + out);
        assertEquals(1, b.context.stats().internalErrors.sum());
        var carrierA = b.context.routing().registry().get("carriers", "carrier-a");
        assertEquals(0, carrierA.failures.sum(), "not a failure of carrier-a");
        b.receive(Sip.respond(out.get(1).request(), 200, "OK", "b", CARRIER_B), CARRIER_B);
        b.drain();
        assertEquals("carrier-a:internal-error,carrier-b:200", b.attempts(0));
    }
}
