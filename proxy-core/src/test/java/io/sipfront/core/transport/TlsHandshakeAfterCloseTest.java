package io.sipfront.core.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.netty.channel.Channel;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.ssl.SslHandler;
import io.netty.util.concurrent.Future;
import io.sipfront.core.tls.CertificateFiles;
import io.sipfront.core.tls.ClientAuthMode;
import io.sipfront.core.tls.HandshakePolicy;
import io.sipfront.core.tls.PeerVerification;
import io.sipfront.core.tls.TestPki;
import io.sipfront.core.tls.TlsClientSettings;
import io.sipfront.core.tls.TlsProvider;
import io.sipfront.core.tls.TlsServerSettings;
import io.sipfront.core.tls.TlsSettings;
import io.sipfront.time.Clock;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A connection whose handshake failed at once is closed, and a closed channel's pipeline is emptied. A connect
 * listener added from another thread can run only after that (seen in {@code TlsTransportTest} with an expired
 * certificate: a {@code NullPointerException} in the listener, and the send never told why it failed). The
 * handshake's outcome must still be there for it.
 */
class TlsHandshakeAfterCloseTest {
    private final TestPki pki = TestPki.get();
    private final ScheduledExecutorService poller = Executors.newSingleThreadScheduledExecutor();
    private TlsTransport tls;

    @BeforeEach
    void start() throws Exception {
        CertificateFiles ours = new CertificateFiles(pki.sipfront.cert(), pki.sipfront.key());
        tls = TlsTransport.start(new TlsSettings(TlsProvider.JDK,
                new TlsServerSettings(ours, ClientAuthMode.REQUIRE, pki.ca, HandshakePolicy.DEFAULTS),
                new TlsClientSettings(pki.ca, ours, PeerVerification.STRICT, HandshakePolicy.DEFAULTS),
                null, 0, Duration.ofSeconds(1), Duration.ofSeconds(30)), Clock.SYSTEM, new SimpleMeterRegistry(), poller);
    }

    @AfterEach
    void stop() throws Exception {
        tls.close();
        poller.shutdownNow();
        LeakCheck.assertNoLeaks();
    }

    @Test
    void theHandshakeOutcomeOutlivesTheClosedPipeline() {
        EmbeddedChannel channel = new EmbeddedChannel();
        tls.secureOutbound(channel, new InetSocketAddress("127.0.0.1", 5061), TestPki.PLATFORM);
        channel.finishAndReleaseAll(); // closes it, and releases the ClientHello the handler wrote
        assertNull(channel.pipeline().get(SslHandler.class), "precondition: the closed channel's pipeline is empty");

        Future<Channel> handshake = TlsTransport.handshake(channel);

        assertTrue(handshake.isDone(), "a closed connection's handshake is over");
        assertFalse(handshake.isSuccess());
        assertNotNull(handshake.cause(), "with its cause, for the message that waited on it");
    }
}
