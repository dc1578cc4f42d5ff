package io.sipfront.core.tls;

import static io.sipfront.core.tls.TestPki.PLATFORM;
import static io.sipfront.core.tls.TestPki.SIPFRONT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.handler.ssl.SslProvider;
import io.sipfront.config.LimitSettings;
import io.sipfront.config.ListenAddress;
import io.sipfront.config.SipSettings;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.NettyTransport;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.core.transport.TlsTransport;
import io.sipfront.core.transport.TransportEventLoops;
import io.sipfront.net.Transport;
import io.sipfront.time.Clock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The transport's TLS on real loopback sockets: a {@code tls:} listener verifying client certificates, outbound
 * connections verified against the destination's SIP domain with SNI, a failed handshake failing the message with the
 * operator's reason before any byte of it leaves, and the expiry gauges.
 */
class TlsTransportTest {
    final TestPki pki = TestPki.get();
    final TlsContexts contexts = new TlsContexts(SslProvider.JDK);
    final TlsSipPeers peers = new TlsSipPeers();
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final BlockingQueue<InboundMessage> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> failures = new LinkedBlockingQueue<>();
    ScheduledExecutorService poller;
    TransportEventLoops loops;
    TlsTransport tls;
    NettyTransport transport;

    @BeforeEach
    void start() throws Exception {
        poller = Executors.newSingleThreadScheduledExecutor();
        TlsSettings settings = new TlsSettings(TlsProvider.JDK,
                new TlsServerSettings(pki.sipfront.files(), ClientAuthMode.REQUIRE, pki.ca, HandshakePolicy.DEFAULTS),
                new TlsClientSettings(pki.ca, pki.sipfront.files(), PeerVerification.STRICT,
                        new HandshakePolicy(HandshakePolicy.DEFAULTS.versions(), Duration.ofSeconds(2))),
                null, 0, Duration.ofSeconds(1), Duration.ofSeconds(30));
        tls = TlsTransport.start(settings, Clock.SYSTEM, meters, poller);
        loops = TransportEventLoops.create(1, false);
        InetAddress loopback = InetAddress.getByName("127.0.0.1");
        SipSettings sip = new SipSettings(List.of(new ListenAddress(Transport.TLS, loopback, 0)), "127.0.0.1", 5061,
                1, 1 << 20);
        transport = NettyTransport.start(sip, LimitSettings.DEFAULTS, loops, received::add, false,
                tls);
    }

    @AfterEach
    void stop() {
        transport.close();
        loops.close();
        tls.close();
        poller.shutdownNow();
        peers.close();
        contexts.close();
    }

    @Test
    void outboundConnectionIsVerifiedAgainstTheSipDomainAndSendsSni() throws Exception {
        TlsSipPeers.Server platform = peers.serve(contexts.mutualServer(pki.platform, pki.ca));

        transport.send(OutboundTarget.of(Transport.TLS, local(platform.port()), PLATFORM),
                TlsLoopbackTest.OPTIONS.getBytes(StandardCharsets.UTF_8), (t, cause) -> failures.add(cause));

        TlsSipPeers.Accepted accepted = platform.nextRequest();
        assertEquals(TlsLoopbackTest.OPTIONS, accepted.request());
        assertEquals(PLATFORM, accepted.serverName().orElseThrow());
        assertEquals("CN=" + SIPFRONT, accepted.clientChain().get(0).getSubjectX500Principal().getName(),
                "mutual TLS: we show our certificate");
        InboundMessage answer = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(answer, "the 200 comes back on the connection we opened");
        assertEquals(Transport.TLS, answer.transport());
        double days = meters.get("sipfront_tls_peer_certificate_days_left").tag("peer", PLATFORM).gauge().value();
        assertEquals(365, days, 1.0);
        assertEquals(365, meters.get("sipfront_tls_certificate_days_left").gauge().value(), 1.0);
        assertNull(failures.poll());
    }

    @Test
    void wrongNameFailsTheSendWithTheReasonAndNothingReachesThePeer() throws Exception {
        TlsSipPeers.Server other = peers.serve(contexts.server(pki.wrongName));

        transport.send(OutboundTarget.of(Transport.TLS, local(other.port()), PLATFORM),
                TlsLoopbackTest.OPTIONS.getBytes(StandardCharsets.UTF_8), (t, cause) -> failures.add(cause));

        Throwable cause = failures.poll(5, TimeUnit.SECONDS);
        TlsHandshakeException handshake = assertInstanceOf(TlsHandshakeException.class, cause);
        assertEquals(TlsFailure.Kind.WRONG_NAME, handshake.failure().kind());
        assertTrue(TlsHandshakeException.reasonOf(cause).startsWith("certificate names another host: wanted "
                + PLATFORM), TlsHandshakeException.reasonOf(cause));
        assertTrue(other.accepted.isEmpty(), "no request may reach a peer that failed verification");
    }

    @Test
    void untrustedAndExpiredCertificatesAreNamed() throws Exception {
        for (var leaf : List.of(pki.selfSigned, pki.expired)) {
            TlsSipPeers.Server peer = peers.serve(contexts.server(leaf));
            transport.send(OutboundTarget.of(Transport.TLS, local(peer.port()), PLATFORM),
                    TlsLoopbackTest.OPTIONS.getBytes(StandardCharsets.UTF_8), (t, cause) -> failures.add(cause));
            TlsHandshakeException e = assertInstanceOf(TlsHandshakeException.class, failures.poll(5, TimeUnit.SECONDS));
            assertEquals(leaf == pki.expired ? TlsFailure.Kind.EXPIRED : TlsFailure.Kind.UNTRUSTED,
                    e.failure().kind(), e.getMessage());
        }
    }

    @Test
    void platformCallsInOverTlsWithItsCertificateAndIsAnsweredOnItsConnection() throws Exception {
        int port = transport.boundAddresses().get(0).port();
        var exchange = peers.exchange(contexts.mutualClient(pki.ca, pki.platform), SIPFRONT, port,
                TlsLoopbackTest.OPTIONS);

        InboundMessage in = received.poll(5, TimeUnit.SECONDS);
        assertNotNull(in);
        assertEquals(Transport.TLS, in.transport());
        assertEquals(Transport.TLS, in.flow().transport());
        String answer = TlsSipPeers.answer(new String(in.bytes(), StandardCharsets.UTF_8));
        transport.send(new OutboundTarget(Transport.TLS, in.source(), in.flow()),
                answer.getBytes(StandardCharsets.UTF_8), null);
        assertTrue(exchange.get(5, TimeUnit.SECONDS).response().startsWith("SIP/2.0 200 OK"));
    }

    private static InetSocketAddress local(int port) {
        return new InetSocketAddress("127.0.0.1", port);
    }
}
