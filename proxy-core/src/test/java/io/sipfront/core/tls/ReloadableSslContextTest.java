package io.sipfront.core.tls;

import static io.sipfront.core.tls.TestPki.PLATFORM;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslProvider;
import io.netty.util.ReferenceCounted;
import io.sipfront.time.Clock;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Certificate files replaced under a running context: new connections follow, live ones and bad files do not. */
class ReloadableSslContextTest {
    static final String REQUEST = "OPTIONS sip:" + PLATFORM + " SIP/2.0\r\n\r\n";
    final TestPki pki = TestPki.get();
    final List<TlsContexts> contexts = new ArrayList<>();
    @TempDir
    Path dir;
    Path cert;
    Path key;

    @BeforeEach
    void installPlatformCertificate() throws Exception {
        cert = dir.resolve("server.crt");
        key = dir.resolve("server.key");
        TestPki.install(pki.platform, cert, key);
    }

    @AfterEach
    void closeContexts() {
        contexts.forEach(TlsContexts::close);
    }

    @Test
    void replacedFilesServeNewConnectionsWhileAnOpenConnectionKeepsWorking() throws Exception {
        TlsContexts tls = contexts(SslProvider.JDK);
        ReloadableSslContext server = serverOnFiles(tls);
        ReloadableSslContext client = tls.client(pki.ca, PeerVerification.STRICT);
        try (TlsPair before = TlsPair.connect(server, client, PLATFORM)) {
            assertEquals(serial(pki.platform), serialSeenBy(before));

            TestPki.install(pki.platformRenewed, cert, key);
            assertEquals(ReloadableSslContext.ReloadOutcome.RELOADED, server.checkForChanges());

            try (TlsPair after = TlsPair.connect(server, client, PLATFORM)) {
                assertNull(after.clientHandshakeFailure());
                assertEquals(serial(pki.platformRenewed), serialSeenBy(after));
            }
            before.clientSends(REQUEST);
            before.serverSends("SIP/2.0 200 OK\r\n\r\n");
            assertEquals(REQUEST, before.serverSide.received.toString());
            assertEquals("SIP/2.0 200 OK\r\n\r\n", before.clientSide.received.toString());
            assertEquals(serial(pki.platform), serialSeenBy(before));
        }
        assertEquals(ReloadableSslContext.ReloadOutcome.UNCHANGED, server.checkForChanges());
    }

    @Test
    void unusableFilesKeepTheCurrentCertificateUntilTheyAreFixed() throws Exception {
        TlsContexts tls = contexts(SslProvider.JDK);
        ReloadableSslContext server = serverOnFiles(tls);
        ReloadableSslContext client = tls.client(pki.ca, PeerVerification.STRICT);

        Files.writeString(cert, "-----BEGIN CERTIFICATE-----\nbm90IGEgY2VydGlmaWNhdGU=\n-----END CERTIFICATE-----\n");
        assertEquals(ReloadableSslContext.ReloadOutcome.REJECTED, server.checkForChanges());
        assertEquals(ReloadableSslContext.ReloadOutcome.UNCHANGED, server.checkForChanges());
        assertServes(server, client, pki.platform);

        Files.copy(pki.platformRenewed.cert(), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.delete(key);
        assertEquals(ReloadableSslContext.ReloadOutcome.REJECTED, server.checkForChanges());
        assertServes(server, client, pki.platform);

        TestPki.install(pki.platformRenewed, cert, key);
        assertEquals(ReloadableSslContext.ReloadOutcome.RELOADED, server.checkForChanges());
        assertServes(server, client, pki.platformRenewed);
    }

    @Test
    void certificateWrittenBeforeItsKeyWaitsForTheKey() throws Exception {
        TlsContexts tls = contexts(SslProvider.JDK);
        ReloadableSslContext server = serverOnFiles(tls);
        ReloadableSslContext client = tls.client(pki.ca, PeerVerification.STRICT);

        Files.copy(pki.platformRenewed.cert(), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(ReloadableSslContext.ReloadOutcome.REJECTED, server.checkForChanges());
        assertServes(server, client, pki.platform);

        Files.copy(pki.platformRenewed.key(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        assertEquals(ReloadableSslContext.ReloadOutcome.RELOADED, server.checkForChanges());
        assertServes(server, client, pki.platformRenewed);
    }

    @Test
    void clientCertificateIsReloadedToo() throws Exception {
        TlsContexts tls = contexts(SslProvider.JDK);
        ReloadableSslContext server = tls.mutualServer(pki.sipfront, pki.ca);
        ReloadableSslContext client = tls.client(new TlsClientSettings(pki.ca, new CertificateFiles(cert, key),
                PeerVerification.STRICT, HandshakePolicy.DEFAULTS));
        TestPki.install(pki.platformRenewed, cert, key);
        assertEquals(ReloadableSslContext.ReloadOutcome.RELOADED, client.checkForChanges());
        try (TlsPair pair = TlsPair.connect(server, client, TestPki.SIPFRONT)) {
            X509Certificate shown = TlsSessions.peerChain(pair.serverSsl.engine().getSession()).get(0);
            assertEquals(serial(pki.platformRenewed), shown.getSerialNumber());
        }
    }

    @Test
    void openSslContextIsReleasedWhenItsLastConnectionCloses() throws Exception {
        TlsContexts tls = contexts(SslProvider.OPENSSL_REFCNT);
        ReloadableSslContext server = serverOnFiles(tls);
        ReloadableSslContext client = tls.client(pki.ca, PeerVerification.STRICT);
        ReferenceCounted old = (ReferenceCounted) server.currentSslContext();
        TlsPair live = TlsPair.connect(server, client, PLATFORM);

        TestPki.install(pki.platformRenewed, cert, key);
        assertEquals(ReloadableSslContext.ReloadOutcome.RELOADED, server.checkForChanges());
        assertTrue(old.refCnt() > 0, "the live connection's engine holds the old context");
        live.clientSends(REQUEST);
        assertEquals(REQUEST, live.serverSide.received.toString());

        live.close();
        assertEquals(0, old.refCnt());
        assertServes(server, client, pki.platformRenewed);
    }

    @Test
    void pollingChecksOnTheGivenSchedulerAndStopsAtClose() throws Exception {
        TlsContexts tls = contexts(SslProvider.JDK);
        ReloadableSslContext server = serverOnFiles(tls);
        ReloadableSslContext client = tls.client(pki.ca, PeerVerification.STRICT);
        CapturingScheduler scheduler = new CapturingScheduler();
        try {
            server.startPolling(scheduler, Duration.ofSeconds(30));
            assertEquals(30_000, scheduler.delayMillis);
            assertThrows(IllegalStateException.class, () -> server.startPolling(scheduler, Duration.ofSeconds(30)));

            TestPki.install(pki.platformRenewed, cert, key);
            scheduler.task.run();
            assertServes(server, client, pki.platformRenewed);

            server.close();
            assertTrue(scheduler.future.isCancelled());
            assertThrows(IllegalStateException.class, () -> server.newServerHandler(
                    io.netty.buffer.ByteBufAllocator.DEFAULT));
        } finally {
            scheduler.shutdownNow();
        }
    }

    @Test
    void badFilesAtStartNameTheFile() throws Exception {
        TlsContexts tls = contexts(SslProvider.JDK);
        Files.writeString(key, "not a key");
        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> tls.server(TlsServerSettings.of(new CertificateFiles(cert, key))));
        assertEquals(key + ": not a PEM file (no -----BEGIN ...----- block)", e.getMessage());
    }

    @Test
    void daysLeftFollowTheClockAndTheReloadedCertificate() throws Exception {
        X509Certificate leaf = TestPki.certificate(pki.platform.cert());
        Instant tenDaysBefore = leaf.getNotAfter().toInstant().minus(Duration.ofDays(10));
        TlsContexts tls = contexts(SslProvider.JDK);
        ReloadableSslContext server = ReloadableSslContext.server(tls.factory(),
                TlsServerSettings.of(new CertificateFiles(cert, key)), fixedClock(tenDaysBefore));
        tls.track(server);
        assertEquals(10.0, server.ownCertificateDaysLeft(), 1e-9);

        TestPki.install(pki.expired, cert, key);
        assertEquals(ReloadableSslContext.ReloadOutcome.RELOADED, server.checkForChanges());
        assertTrue(server.ownCertificateDaysLeft() < -365, "an expired certificate counts below zero");
    }

    /** A listener reading the certificate and key files this test replaces. */
    private ReloadableSslContext serverOnFiles(TlsContexts tls) throws TlsSetupException {
        return tls.server(TlsServerSettings.of(new CertificateFiles(cert, key)));
    }

    private TlsContexts contexts(SslProvider provider) {
        TlsContexts tls = new TlsContexts(provider);
        contexts.add(tls);
        return tls;
    }

    private static void assertServes(ReloadableSslContext server, ReloadableSslContext client, TestPki.Leaf leaf)
            throws Exception {
        try (TlsPair pair = TlsPair.connect(server, client, PLATFORM)) {
            assertNull(pair.clientHandshakeFailure());
            assertEquals(serial(leaf), serialSeenBy(pair));
        }
    }

    private static BigInteger serialSeenBy(TlsPair pair) throws Exception {
        return TlsSessions.peerChain(pair.clientSsl.engine().getSession()).get(0).getSerialNumber();
    }

    private static BigInteger serial(TestPki.Leaf leaf) throws Exception {
        return TestPki.certificate(leaf.cert()).getSerialNumber();
    }

    static Clock fixedClock(Instant now) {
        return new Clock() {
            @Override
            public long nanoTime() {
                return 0;
            }

            @Override
            public long currentTimeMillis() {
                return now.toEpochMilli();
            }
        };
    }

    /** Records the periodic task instead of running it, so the test runs it when it wants. */
    private static final class CapturingScheduler extends ScheduledThreadPoolExecutor {
        Runnable task;
        long delayMillis;
        ScheduledFuture<?> future;

        CapturingScheduler() {
            super(1);
        }

        @Override
        public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay,
                                                         TimeUnit unit) {
            task = command;
            delayMillis = unit.toMillis(delay);
            future = schedule(() -> { }, 1, TimeUnit.DAYS);
            return future;
        }
    }
}
