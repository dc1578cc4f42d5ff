package io.sipfront.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.Sip;
import io.sipfront.core.testing.TestConfigs;
import io.sipfront.dispatcher.Destination;
import io.sipfront.net.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** One attempt's request, built without sockets from the request as received, a destination and the plan. */
class AttemptTest {
    private final LocalIdentity identity = new LocalIdentity(TestConfigs.loopback().sip());
    private final SIPRequest asReceived = (SIPRequest) ProxyHarness.parse(
            Sip.invite("at1").getBytes(StandardCharsets.UTF_8));
    private final String original = asReceived.encode();

    private static Hop hop(String id, String ip, int port, Transport transport) {
        return Hop.to(new Destination(id, "sip:" + ip, new InetSocketAddress(TestConfigs.ip(ip), port), transport,
                1, 1, 0, 0, Optional.of(id)));
    }

    private ForwardingPlan plan(Transport inbound, boolean recordRoute, RequestRewriter numbers) {
        return new ForwardingPlan(identity, inbound, recordRoute, null, "iunique", numbers);
    }

    private Attempt.Ready ready(Attempt.Outcome outcome) {
        return assertInstanceOf(Attempt.Ready.class, outcome);
    }

    @Test
    void stampsACopyForTheDestinationAndLeavesTheRequestAsReceived() {
        Hop carrier = hop("carrier-a", "127.0.0.20", 5070, Transport.UDP);
        Attempt.Ready r = ready(Attempt.build(asReceived, false, carrier, "z9hG4bKsfx", plan(Transport.UDP, true,
                RequestRewriter.NONE)));
        assertNotSame(asReceived, r.request());
        assertEquals(original, asReceived.encode(), "every attempt starts again from the request as received");
        assertEquals("sip:15551234567@127.0.0.20:5070", r.request().getRequestURI().toString(), "user kept");
        assertEquals("z9hG4bKsfx", r.request().getTopmostVia().getBranch());
        assertEquals("127.0.0.1", r.request().getTopmostVia().getHost());
        assertEquals(2, r.request().getViaHeaders().size());
        assertEquals(1, r.request().getRecordRouteHeaders().size(), "same transport: one Record-Route");
        assertEquals(new String(r.bytes(), StandardCharsets.UTF_8), r.request().encode());
    }

    @Test
    void aChangeOfTransportAddsTwoRecordRoutesAndTheTransportParameter() {
        Hop tcp = hop("carrier-a", "127.0.0.20", 5060, Transport.TCP);
        SIPRequest out = ready(Attempt.build(asReceived, false, tcp, "z9hG4bKsfy",
                plan(Transport.UDP, true, RequestRewriter.NONE))).request();
        assertEquals("tcp", ((SipUri) out.getRequestURI()).getTransportParam());
        assertEquals(2, out.getRecordRouteHeaders().size());
        SipUri first = (SipUri) ((RecordRoute) out.getRecordRouteHeaders().getFirst()).getAddress().getURI();
        SipUri second = (SipUri) ((RecordRoute) out.getRecordRouteHeaders().get(1)).getAddress().getURI();
        assertEquals("tcp", first.getTransportParam(), "the outgoing leg's entry on top");
        assertTrue(second.getTransportParam() == null || "udp".equals(second.getTransportParam()), second.toString());
    }

    @Test
    void withoutRecordRouteNoneIsAdded() {
        SIPRequest out = ready(Attempt.build(asReceived, false, hop("p", "127.0.0.10", 5060, Transport.UDP), "b",
                plan(Transport.UDP, false, RequestRewriter.NONE))).request();
        assertTrue(out.getRecordRouteHeaders() == null || out.getRecordRouteHeaders().isEmpty(), out.toString());
    }

    @Test
    void theLastPossibleAttemptStampsTheRequestItself() {
        Attempt.Ready r = ready(Attempt.build(asReceived, true, hop("c", "127.0.0.21", 5060, Transport.UDP), "b",
                plan(Transport.UDP, true, RequestRewriter.NONE)));
        assertSame(asReceived, r.request());
    }

    @Test
    void numbersAreFormattedForTheDestinationsCarrierOrRefused() {
        RequestRewriter numbers = new RequestRewriter() {
            @Override
            public Rewrite inbound(SIPRequest request, String carrier) {
                throw new AssertionError("outbound only");
            }

            @Override
            public Rewrite outbound(SIPRequest request, String carrier) {
                if ("carrier-b".equals(carrier)) {
                    return new Rewrite.Reject(484, "Address Incomplete");
                }
                ((SipUri) request.getRequestURI()).setUser("0015551234567");
                return new Rewrite.Forward(request);
            }
        };
        SIPRequest toA = ready(Attempt.build(asReceived, false, hop("carrier-a", "127.0.0.20", 5060, Transport.UDP),
                "b", plan(Transport.UDP, true, numbers))).request();
        assertEquals("sip:0015551234567@127.0.0.20:5060", toA.getRequestURI().toString());
        Attempt.Outcome toB = Attempt.build(asReceived, false, hop("carrier-b", "127.0.0.21", 5060, Transport.UDP),
                "b", plan(Transport.UDP, true, numbers));
        assertEquals(484, assertInstanceOf(Attempt.Refused.class, toB).rejection().status());
        assertEquals(original, asReceived.encode());
    }

    @Test
    void invitesGetDeterministicBranchesPerAttempt() {
        ForwardingPlan p = plan(Transport.UDP, true, RequestRewriter.NONE);
        assertEquals(Branches.PREFIX + "iunique", p.branch(1, () -> "random"));
        assertEquals(Branches.PREFIX + "iunique-2", p.branch(2, () -> "random"));
        ForwardingPlan other = new ForwardingPlan(identity, Transport.UDP, false, null, null, RequestRewriter.NONE);
        assertEquals(Branches.PREFIX + "random", other.branch(1, () -> "random"));
    }
}
