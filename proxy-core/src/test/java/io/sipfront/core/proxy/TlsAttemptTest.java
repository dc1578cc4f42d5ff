package io.sipfront.core.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.RecordRoute;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.core.testing.ProxyHarness;
import io.sipfront.core.testing.Sip;
import io.sipfront.core.testing.TestConfigs;
import io.sipfront.dispatcher.Destination;
import io.sipfront.dispatcher.DestinationOptions;
import io.sipfront.net.Transport;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Attempts toward a TLS platform: host name in the Request-URI, trunk identification, TLS Record-Route, SRTP guard. */
class TlsAttemptTest {
    private static final String SDES = "v=0\r\no=- 1 1 IN IP4 127.0.0.10\r\ns=-\r\nc=IN IP4 127.0.0.10\r\nt=0 0\r\n"
            + "m=audio 4000 RTP/SAVP 0\r\na=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:"
            + "WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n";
    private final LocalIdentity identity = new LocalIdentity(TestConfigs.loopback().sip(), null, 5061,
            io.sipfront.core.cluster.ClusterPeers.NONE);

    private static Destination platform(Transport transport, DestinationOptions options) {
        return new Destination("platform-edge/p1", "sip:platform.sipfront.test;transport=tls",
                new InetSocketAddress(TestConfigs.ip("127.0.0.10"), transport == Transport.TLS ? 5061 : 5060),
                transport, 10, 50, 0, 0, Optional.empty(), options);
    }

    private static DestinationOptions byName(boolean srtpRequiresTls) {
        return new DestinationOptions("platform.sipfront.test", false, false, "trunk1", "byoc.example.com",
                "X-Trunk", "trunk1", srtpRequiresTls, "platform-edge", false, true);
    }

    private SIPRequest build(SIPRequest in, Destination d, Transport inbound) {
        Attempt.Outcome outcome = Attempt.build(in, false, Hop.to(d), "z9hG4bKtls",
                new ForwardingPlan(identity, inbound, true, null, "u", RequestRewriter.NONE));
        return assertInstanceOf(Attempt.Ready.class, outcome).request();
    }

    private static SIPRequest invite(String body) {
        String text = Sip.invite("tls1");
        if (body != null) {
            text = text.replace("Content-Length: " + Sip.SDP.length(), "Content-Length: " + body.length())
                    .replace(Sip.SDP, body);
        }
        return (SIPRequest) ProxyHarness.parse(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void theInviteNamesThePlatformByHostAndCarriesTheTrunkWhileThePacketGoesToTheAddress() {
        Destination d = platform(Transport.TLS, byName(false));
        SIPRequest out = build(invite(null), d, Transport.UDP);
        SipUri uri = (SipUri) out.getRequestURI();
        assertEquals("platform.sipfront.test", uri.getHost());
        assertEquals(-1, uri.getPort(), "default TLS port: the peer's own RFC 3263 rules apply");
        assertEquals("tls", uri.getTransportParam());
        assertEquals("trunk1", uri.getParameter("tgrp"));
        assertEquals("byoc.example.com", uri.getParameter("trunk-context"));
        assertEquals("trunk1", out.getHeader("X-Trunk").toString().split(":", 2)[1].trim());
        assertEquals("platform.sipfront.test", Hop.to(d).target().verifiedName(), "RFC 5922: the URI's host");
        assertEquals("127.0.0.10", Hop.to(d).target().address().getAddress().getHostAddress());
    }

    @Test
    void aUdpToTlsCallIsRecordRoutedTwiceWithTheTlsPort() {
        SIPRequest out = build(invite(null), platform(Transport.TLS, byName(false)), Transport.UDP);
        SipUri tls = (SipUri) ((RecordRoute) out.getRecordRouteHeaders().getFirst()).getAddress().getURI();
        SipUri udp = (SipUri) ((RecordRoute) out.getRecordRouteHeaders().get(1)).getAddress().getURI();
        assertEquals("tls", tls.getTransportParam());
        assertEquals(5061, tls.getPort());
        assertNull(udp.getTransportParam());
        assertEquals(5060, udp.getPort());
        assertEquals("TLS", out.getTopmostVia().getTransport());
        assertEquals(5061, out.getTopmostVia().getPort());
    }

    @Test
    void addressModeWritesTheAddress() {
        DestinationOptions o = new DestinationOptions("platform.sipfront.test", false, true, null, null, null, null,
                false, null, false, true);
        SipUri uri = (SipUri) build(invite(null), platform(Transport.TLS, o), Transport.UDP).getRequestURI();
        assertEquals("127.0.0.10", uri.getHost());
        assertEquals(5061, uri.getPort());
    }

    @Test
    void srtpKeysAreRefusedOverAPlainLegAndPassByteForByteOverTls() {
        SIPRequest in = invite(SDES);
        Attempt.Outcome plain = Attempt.build(in, false, Hop.to(platform(Transport.UDP, byName(true))), "b",
                new ForwardingPlan(identity, Transport.TLS, true, null, "u", RequestRewriter.NONE));
        assertInstanceOf(Attempt.Insecure.class, plain);
        SIPRequest tls = build(in, platform(Transport.TLS, byName(true)), Transport.UDP);
        assertEquals(SDES, new String(tls.getRawContent(), StandardCharsets.UTF_8));
        SIPRequest allowed = build(in, platform(Transport.UDP, byName(false)), Transport.UDP);
        assertEquals(SDES, new String(allowed.getRawContent(), StandardCharsets.UTF_8), "option off: passes as is");
    }
}
