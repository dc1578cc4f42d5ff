package io.sipfront.core.tls;

import static io.sipfront.core.tls.TestPki.PLATFORM;
import static io.sipfront.core.tls.TestPki.SIPFRONT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslProvider;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Our client and server contexts over real sockets on 127.0.0.1 (run the suite in a private network namespace). */
class TlsLoopbackTest {
    static final String OPTIONS = "OPTIONS sip:" + SIPFRONT + " SIP/2.0\r\n"
            + "Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK-loop-1;rport\r\n"
            + "From: <sip:platform@" + PLATFORM + ">;tag=p1\r\nTo: <sip:" + SIPFRONT + ">\r\n"
            + "Call-ID: loopback-1\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\nContent-Length: 0\r\n\r\n";

    final TestPki pki = TestPki.get();
    final TlsContexts contexts = new TlsContexts(SslProvider.JDK);
    final TlsSipPeers peers = new TlsSipPeers();

    @AfterEach
    void close() {
        peers.close();
        contexts.close();
    }

    @Test
    void platformCallsInWithItsClientCertificateAndChecksOursByName() throws Exception {
        ReloadableSslContext sipfront = contexts.mutualServer(pki.sipfront, pki.ca);
        ReloadableSslContext platform = contexts.mutualClient(pki.ca, pki.platform);
        TlsSipPeers.Server server = peers.serve(sipfront);

        TlsSipPeers.Exchange exchange = peers.exchange(platform, SIPFRONT, server.port(), OPTIONS)
                .get(TlsSipPeers.WAIT_SECONDS, TimeUnit.SECONDS);

        assertTrue(exchange.response().startsWith("SIP/2.0 200 OK\r\n"), exchange.response());
        assertTrue(exchange.response().contains("Call-ID: loopback-1"), exchange.response());
        assertEquals("CN=" + SIPFRONT, exchange.serverChain().get(0).getSubjectX500Principal().getName());
        assertEquals(365, exchange.serverDaysLeft(), 1.0);
        TlsSipPeers.Accepted accepted = server.nextRequest();
        assertEquals(OPTIONS, accepted.request());
        assertEquals(Optional.of(SIPFRONT), accepted.serverName());
        assertEquals("CN=" + PLATFORM, accepted.clientChain().get(0).getSubjectX500Principal().getName());
    }

    @Test
    void wrongNameFailsTheAttemptAtOnceWithTheReason() throws Exception {
        TlsSipPeers.Server server = peers.serve(contexts.server(pki.wrongName));
        ReloadableSslContext client = contexts.client(pki.ca, PeerVerification.STRICT);

        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> peers.exchange(client, PLATFORM, server.port(), OPTIONS)
                        .get(TlsSipPeers.WAIT_SECONDS, TimeUnit.SECONDS));

        TlsFailure failure = TlsFailures.classify(failed.getCause());
        assertEquals(TlsFailure.Kind.WRONG_NAME, failure.kind(), failure.reason());
        TlsFailure seenByServer = TlsFailures.classify(server.nextHandshakeFailure());
        assertEquals(TlsFailure.Kind.REFUSED_BY_PEER, seenByServer.kind(), seenByServer.reason());
    }
}
