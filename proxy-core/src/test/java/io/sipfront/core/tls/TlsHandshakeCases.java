package io.sipfront.core.tls;

import static io.sipfront.core.tls.TestPki.PLATFORM;
import static io.sipfront.core.tls.TestPki.SIPFRONT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.netty.buffer.ByteBufAllocator;
import io.netty.buffer.Unpooled;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import io.netty.handler.ssl.util.InsecureTrustManagerFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import javax.net.ssl.SSLSession;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Handshakes between our server and client contexts, in memory, for one provider (the subclasses pick JDK or
 * OpenSSL). Each refusal must come with the reason an operator would read on the destination.
 */
abstract class TlsHandshakeCases {
    static final String OPTIONS = "OPTIONS sip:" + PLATFORM + " SIP/2.0\r\nContent-Length: 0\r\n\r\n";
    final TestPki pki = TestPki.get();
    final TlsContexts contexts = new TlsContexts(provider());

    abstract SslProvider provider();

    @AfterEach
    void closeContexts() {
        contexts.close();
    }

    @Test
    void handshakeByNameSendsTheDomainAsSniAndCarriesSip() throws Exception {
        try (TlsPair pair = TlsPair.connect(contexts.server(pki.platform),
                contexts.client(pki.ca, PeerVerification.STRICT), PLATFORM)) {
            assertNull(pair.clientHandshakeFailure());
            assertNull(pair.serverHandshakeFailure());
            SSLSession serverSession = pair.serverSsl.engine().getSession();
            assertEquals(Optional.of(PLATFORM), TlsSessions.requestedServerName(serverSession));
            assertEquals("TLSv1.3", serverSession.getProtocol());
            SSLSession clientSession = pair.clientSsl.engine().getSession();
            assertEquals("CN=" + PLATFORM, TlsSessions.peerChain(clientSession).get(0)
                    .getSubjectX500Principal().getName());

            pair.clientSends(OPTIONS);
            assertEquals(OPTIONS, pair.serverSide.received.toString());
            pair.serverSends("SIP/2.0 200 OK\r\n\r\n");
            assertEquals("SIP/2.0 200 OK\r\n\r\n", pair.clientSide.received.toString());
        }
    }

    @Test
    void certificateNamingAnotherHostIsRefusedWithTheNames() throws Exception {
        assertRefused(pki.wrongName, TlsFailure.Kind.WRONG_NAME, "certificate names another host: wanted"
                + " platform.sipfront.test, it names DNS:other.sipfront.test");
    }

    @Test
    void expiredCertificateIsRefusedWithItsDate() throws Exception {
        assertRefused(pki.expired, TlsFailure.Kind.EXPIRED,
                "certificate expired: CN=platform.sipfront.test expired on 2020-01-01T00:00:00Z");
    }

    @Test
    void certificateNotValidYetIsRefused() throws Exception {
        assertRefused(pki.notYetValid, TlsFailure.Kind.NOT_YET_VALID,
                "certificate not yet valid: CN=platform.sipfront.test is valid from 2099-01-01T00:00:00Z");
    }

    @Test
    void selfSignedCertificateIsUntrusted() throws Exception {
        assertRefused(pki.selfSigned, TlsFailure.Kind.UNTRUSTED, "certificate not trusted: CN=platform.sipfront.test"
                + " issued by CN=platform.sipfront.test, not a trusted CA");
    }

    @Test
    void serverLearnsThatTheClientRefusedItsCertificate() throws Exception {
        try (TlsPair pair = TlsPair.connect(contexts.server(pki.selfSigned),
                contexts.client(pki.ca, PeerVerification.STRICT), PLATFORM)) {
            assertNotNull(pair.clientHandshakeFailure());
            TlsFailure seenByServer = TlsFailures.classify(pair.serverHandshakeFailure());
            assertEquals(TlsFailure.Kind.REFUSED_BY_PEER, seenByServer.kind(), seenByServer.reason());
            assertTrue(seenByServer.reason().contains("did not accept our certificate"), seenByServer.reason());
        }
    }

    @Test
    void wildcardIsRefusedInStrictModeAndAcceptedInRelaxedMode() throws Exception {
        ReloadableSslContext server = contexts.server(pki.wildcard);
        TlsFailure strict = clientFailure(server, PeerVerification.STRICT, PLATFORM);
        assertEquals(TlsFailure.Kind.WRONG_NAME, strict.kind());
        assertTrue(strict.reason().endsWith("(wildcards are not accepted in strict mode, RFC 5922)"), strict.reason());
        assertNull(clientFailureOrNull(server, PeerVerification.RELAXED, PLATFORM));
        assertEquals(TlsFailure.Kind.WRONG_NAME,
                clientFailure(server, PeerVerification.RELAXED, "a.b.sipfront.test").kind());
    }

    @Test
    void sipUriAltNameIsTheIdentityAndHidesTheDnsNameInStrictMode() throws Exception {
        ReloadableSslContext server = contexts.server(pki.sipUri);
        assertNull(clientFailureOrNull(server, PeerVerification.STRICT, PLATFORM));
        assertEquals(TlsFailure.Kind.WRONG_NAME,
                clientFailure(server, PeerVerification.STRICT, "other.sipfront.test").kind());
        assertNull(clientFailureOrNull(server, PeerVerification.RELAXED, "other.sipfront.test"));
    }

    @Test
    void commonNameCountsOnlyWithoutAltNames() throws Exception {
        assertNull(clientFailureOrNull(contexts.server(pki.commonNameOnly), PeerVerification.STRICT, PLATFORM));
    }

    @Test
    void ipLiteralPeerIsMatchedByIpAddressAltNameAndGetsNoSni() throws Exception {
        try (TlsPair pair = TlsPair.connect(contexts.server(pki.ipOnly),
                contexts.client(pki.ca, PeerVerification.STRICT), "127.0.0.1")) {
            assertNull(pair.clientHandshakeFailure());
            assertEquals(Optional.empty(), TlsSessions.requestedServerName(pair.serverSsl.engine().getSession()));
        }
        TlsFailure failure = clientFailure(contexts.server(pki.platform), PeerVerification.STRICT, "127.0.0.1");
        assertEquals(TlsFailure.Kind.WRONG_NAME, failure.kind());
    }

    @Test
    void sipfrontsOwnCertificateServesItsNameAndItsAddress() throws Exception {
        ReloadableSslContext server = contexts.server(pki.sipfront);
        assertNull(clientFailureOrNull(server, PeerVerification.STRICT, SIPFRONT));
        assertNull(clientFailureOrNull(server, PeerVerification.STRICT, "127.0.0.1"));
        assertEquals(TlsFailure.Kind.WRONG_NAME, clientFailure(server, PeerVerification.STRICT, "127.0.0.2").kind());
    }

    @Test
    void requiredClientCertificateIsMissingSoNoRequestGetsThrough() throws Exception {
        ReloadableSslContext server = contexts.mutualServer(pki.sipfront, pki.ca);
        try (TlsPair pair = TlsPair.connect(server, contexts.client(pki.ca, PeerVerification.STRICT), SIPFRONT)) {
            TlsFailure seenByServer = TlsFailures.classify(pair.serverHandshakeFailure());
            assertEquals(TlsFailure.Kind.NO_CERTIFICATE, seenByServer.kind(), seenByServer.reason());
            // With TLS 1.3 the client finishes before the server judges it; its request must still go nowhere.
            if (pair.clientHandshakeFailure() == null && pair.client.isActive()) {
                pair.clientSends(OPTIONS);
            }
            assertEquals("", pair.serverSide.received.toString());
            assertFalse(pair.client.isActive() && pair.server.isActive());
            Throwable seenByClient = pair.clientHandshakeFailure() != null ? pair.clientHandshakeFailure()
                    : pair.clientSide.errors.stream().findFirst().orElse(null);
            if (seenByClient != null) {
                assertEquals(TlsFailure.Kind.REFUSED_BY_PEER, TlsFailures.classify(seenByClient).kind());
            }
        }
    }

    @Test
    void mutualTlsPresentsTheClientChainToTheServer() throws Exception {
        ReloadableSslContext server = contexts.mutualServer(pki.sipfront, pki.ca);
        ReloadableSslContext client = contexts.mutualClient(pki.ca, pki.platform);
        try (TlsPair pair = TlsPair.connect(server, client, SIPFRONT)) {
            assertNull(pair.serverHandshakeFailure());
            assertEquals("CN=" + PLATFORM, TlsSessions.peerChain(pair.serverSsl.engine().getSession()).get(0)
                    .getSubjectX500Principal().getName());
            pair.clientSends(OPTIONS);
            assertEquals(OPTIONS, pair.serverSide.received.toString());
        }
    }

    @Test
    void optionalClientCertificateMayBeAbsentButNotExpired() throws Exception {
        ReloadableSslContext server = contexts.server(new TlsServerSettings(pki.sipfront.files(),
                ClientAuthMode.OPTIONAL, pki.ca, HandshakePolicy.DEFAULTS));
        try (TlsPair pair = TlsPair.connect(server, contexts.client(pki.ca, PeerVerification.STRICT), SIPFRONT)) {
            assertNull(pair.serverHandshakeFailure());
        }
        // (An untrusted client certificate is never even sent: the client picks one issued by a CA the server names.)
        ReloadableSslContext expiredClient = contexts.mutualClient(pki.ca, pki.expired);
        try (TlsPair pair = TlsPair.connect(server, expiredClient, SIPFRONT)) {
            Throwable cause = pair.serverHandshakeFailure();
            assertEquals(TlsFailure.Kind.EXPIRED, TlsFailures.classify(cause).kind(), () -> chain(cause));
        }
    }

    @Test
    void tls11ClientIsRefused() throws Exception {
        assumeTrue(OpenSsl.isAvailable(), "a TLS 1.1 client needs BoringSSL (the JDK disables TLS 1.1)");
        SslContext old = SslContextBuilder.forClient().sslProvider(SslProvider.OPENSSL_REFCNT)
                .protocols("TLSv1.1").trustManager(InsecureTrustManagerFactory.INSTANCE).build();
        try (TlsPair pair = new TlsPair(contexts.server(pki.platform).newServerHandler(ByteBufAllocator.DEFAULT),
                old.newHandler(ByteBufAllocator.DEFAULT, PLATFORM, 5061))) {
            pair.pump();
            TlsFailure seenByServer = TlsFailures.classify(pair.serverHandshakeFailure());
            assertEquals(TlsFailure.Kind.NO_COMMON_VERSION, seenByServer.kind(), seenByServer.reason());
            assertEquals(TlsFailure.Kind.NO_COMMON_VERSION,
                    TlsFailures.classify(pair.clientHandshakeFailure()).kind());
        } finally {
            io.netty.util.ReferenceCountUtil.release(old);
        }
    }

    @Test
    void versionsFollowTheHandshakePolicy() throws Exception {
        HandshakePolicy tls12 = new HandshakePolicy(EnumSet.of(TlsVersion.TLS_1_2), HandshakePolicy.DEFAULT_TIMEOUT);
        HandshakePolicy tls13 = new HandshakePolicy(EnumSet.of(TlsVersion.TLS_1_3), HandshakePolicy.DEFAULT_TIMEOUT);
        ReloadableSslContext server12 = contexts.server(new TlsServerSettings(pki.platform.files(),
                ClientAuthMode.NONE, null, tls12));
        try (TlsPair pair = TlsPair.connect(server12, contexts.client(pki.ca, PeerVerification.STRICT), PLATFORM)) {
            assertEquals("TLSv1.2", pair.clientSsl.engine().getSession().getProtocol());
        }
        ReloadableSslContext client13 = contexts.client(new TlsClientSettings(pki.ca, null,
                PeerVerification.STRICT, tls13));
        assertEquals(TlsFailure.Kind.NO_COMMON_VERSION, clientFailure(server12, client13, PLATFORM).kind());
        SslHandler handler = contexts.client(pki.ca, PeerVerification.STRICT)
                .newClientHandler(ByteBufAllocator.DEFAULT, PLATFORM, 5061);
        try {
            Set<String> offered = Arrays.stream(handler.engine().getEnabledProtocols())
                    .filter(p -> !p.equals("SSLv2Hello")) // a hello format the OpenSSL engine lists, not a version
                    .collect(Collectors.toSet());
            assertEquals(Set.of("TLSv1.2", "TLSv1.3"), offered);
        } finally {
            io.netty.util.ReferenceCountUtil.release(handler.engine());
        }
    }

    @Test
    void handshakeThatNeverCompletesTimesOutAtTheConfiguredTime() throws Exception {
        HandshakePolicy twoSeconds = new HandshakePolicy(EnumSet.allOf(TlsVersion.class), Duration.ofSeconds(2));
        ReloadableSslContext client = contexts.client(new TlsClientSettings(pki.ca, null, PeerVerification.STRICT,
                twoSeconds));
        try (TlsPair pair = TlsPair.start(contexts.server(pki.platform), client, PLATFORM)) {
            pair.advance(1_900);
            assertFalse(pair.clientSsl.handshakeFuture().isDone());
            pair.advance(200);
            TlsFailure failure = TlsFailures.classify(pair.clientHandshakeFailure());
            assertEquals(TlsFailure.Kind.TIMEOUT, failure.kind());
            assertEquals("TLS handshake timed out", failure.reason());
        }
    }

    @Test
    void plainSipOnTheTlsPortIsRecognised() throws Exception {
        try (TlsPair pair = TlsPair.start(contexts.server(pki.platform), contexts.client(pki.ca,
                PeerVerification.STRICT), PLATFORM)) {
            pair.server.pipeline().fireChannelRead(Unpooled.copiedBuffer(OPTIONS, StandardCharsets.US_ASCII));
            pair.server.runPendingTasks();
            assertEquals(TlsFailure.Kind.NOT_TLS, TlsFailures.classify(pair.serverHandshakeFailure()).kind());
        }
    }

    /** A strict client connecting to platform.sipfront.test refuses a server showing {@code leaf}, for this reason. */
    void assertRefused(TestPki.Leaf leaf, TlsFailure.Kind kind, String reason) throws Exception {
        TlsFailure failure = clientFailure(contexts.server(leaf), PeerVerification.STRICT, PLATFORM);
        assertEquals(kind, failure.kind());
        assertEquals(reason, failure.reason());
    }

    TlsFailure clientFailure(ReloadableSslContext server, PeerVerification verification, String peerHost)
            throws Exception {
        TlsFailure failure = clientFailureOrNull(server, verification, peerHost);
        assertNotNull(failure, "the handshake succeeded");
        return failure;
    }

    TlsFailure clientFailureOrNull(ReloadableSslContext server, PeerVerification verification, String peerHost)
            throws Exception {
        return failureOrNull(server, contexts.client(pki.ca, verification), peerHost);
    }

    private static TlsFailure clientFailure(ReloadableSslContext server, ReloadableSslContext client,
                                            String peerHost) {
        TlsFailure failure = failureOrNull(server, client, peerHost);
        assertNotNull(failure, "the handshake succeeded");
        return failure;
    }

    private static TlsFailure failureOrNull(ReloadableSslContext server, ReloadableSslContext client,
                                            String peerHost) {
        try (TlsPair pair = TlsPair.connect(server, client, peerHost)) {
            Throwable cause = pair.clientHandshakeFailure();
            return cause == null ? null : TlsFailures.classify(cause);
        }
    }

    /** The cause chain, for assertion messages. */
    static String chain(Throwable failure) {
        StringBuilder text = new StringBuilder();
        for (Throwable t = failure; t != null; t = t.getCause()) {
            text.append(" <- ").append(t);
        }
        return text.toString();
    }
}
