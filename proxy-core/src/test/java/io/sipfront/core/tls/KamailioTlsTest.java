package io.sipfront.core.tls;

import static io.sipfront.core.tls.TestPki.PLATFORM;
import static io.sipfront.core.tls.TestPki.SIPFRONT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.handler.ssl.SslProvider;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our contexts against Kamailio's tls module (OpenSSL), both ways: Kamailio as the platform's TLS server (asking for
 * our client certificate), and as a TLS client forwarding to our listener (checking our chain, showing its own
 * certificate and sending SNI). Run in a private network namespace; ports are free ones of 127.0.0.1.
 */
class KamailioTlsTest {
    static TestPki pki;
    static TlsContexts contexts;
    static TlsSipPeers peers;
    static Kamailio kamailio;
    static TlsSipPeers.Server sipfront;
    static TlsSipPeers.Server untrusted;
    static int udpPort;
    static int platformPort;
    static int wrongNamePort;

    @BeforeAll
    static void startKamailio(@TempDir Path dir) throws Exception {
        Kamailio.requireInstalled();
        pki = TestPki.get();
        contexts = new TlsContexts(SslProvider.JDK);
        peers = new TlsSipPeers();
        sipfront = peers.serve(contexts.mutualServer(pki.sipfront, pki.ca));
        untrusted = peers.serve(contexts.server(pki.selfSigned));
        udpPort = freePort();
        platformPort = freePort();
        wrongNamePort = freePort();
        kamailio = new Kamailio(dir);
        kamailio.start(config(), tlsConfig());
    }

    @AfterAll
    static void stop() throws Exception {
        if (kamailio != null) {
            kamailio.close();
        }
        if (peers != null) {
            peers.close();
        }
        if (contexts != null) {
            contexts.close();
        }
    }

    @Test
    void kamailioAnswersOptionsThroughOurClientContext() throws Exception {
        TlsSipPeers.Exchange exchange = peers.exchange(sipfrontClient(), PLATFORM, platformPort, options(PLATFORM, 1))
                .get(TlsSipPeers.WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(exchange.response().startsWith("SIP/2.0 200 OK Kamailio\r\n"), exchange.response());
        assertEquals("CN=" + PLATFORM, exchange.serverChain().get(0).getSubjectX500Principal().getName());
    }

    @Test
    void kamailioShowingAnotherHostsCertificateIsRefusedByName() throws Exception {
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> peers.exchange(sipfrontClient(), PLATFORM, wrongNamePort, options(PLATFORM, 2))
                        .get(TlsSipPeers.WAIT_SECONDS, TimeUnit.SECONDS));
        TlsFailure failure = TlsFailures.classify(failed.getCause());
        assertEquals("certificate names another host: wanted platform.sipfront.test, it names"
                + " DNS:other.sipfront.test", failure.reason());
    }

    @Test
    void kamailioRefusesUsWithoutAClientCertificate() throws Exception {
        ReloadableSslContext anonymous = contexts.client(pki.ca, PeerVerification.STRICT);
        ExecutionException failed = assertThrows(ExecutionException.class,
                () -> peers.exchange(anonymous, PLATFORM, platformPort, options(PLATFORM, 3))
                        .get(TlsSipPeers.WAIT_SECONDS, TimeUnit.SECONDS));
        TlsFailure failure = TlsFailures.classify(failed.getCause());
        assertEquals(TlsFailure.Kind.REFUSED_BY_PEER, failure.kind(), failure.reason() + "\n" + kamailio.log());
    }

    @Test
    void kamailioConnectsToOurListenerWithItsCertificateAndSni() throws Exception {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            udp.setSoTimeout((int) TimeUnit.SECONDS.toMillis(TlsSipPeers.WAIT_SECONDS));
            send(udp, "fwd", 4);

            TlsSipPeers.Accepted accepted = sipfront.nextRequest();
            assertTrue(accepted.request().startsWith("OPTIONS sip:fwd@" + SIPFRONT + " SIP/2.0\r\n"));
            assertEquals(Optional.of(SIPFRONT), accepted.serverName());
            assertEquals("CN=" + PLATFORM, accepted.clientChain().get(0).getSubjectX500Principal().getName());
            String relayed = receive(udp);
            assertTrue(relayed.startsWith("SIP/2.0 200 OK\r\n"), relayed);
            assertTrue(relayed.contains("Call-ID: kamailio-client-4"), relayed);
        }
    }

    @Test
    void kamailioRefusesOurListenerWhenItsCertificateIsUntrusted() throws Exception {
        try (DatagramSocket udp = new DatagramSocket(new InetSocketAddress("127.0.0.1", 0))) {
            send(udp, "fwd-untrusted", 5);
            Throwable cause = untrusted.nextHandshakeFailure();
            TlsFailure seenByUs = TlsFailures.classify(cause);
            assertEquals(TlsFailure.Kind.REFUSED_BY_PEER, seenByUs.kind(), () -> TlsHandshakeCases.chain(cause)
                    + "\n" + kamailio.log());
            assertTrue(seenByUs.reason().contains("our certificate"), seenByUs.reason());
        }
    }

    private static ReloadableSslContext sipfrontClient() throws TlsSetupException {
        return contexts.mutualClient(pki.ca, pki.sipfront);
    }

    private static String options(String host, int n) {
        return "OPTIONS sip:" + host + " SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK-kam-" + n + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:probe@" + SIPFRONT + ">;tag=k" + n + "\r\n"
                + "To: <sip:" + host + ">\r\nCall-ID: kamailio-server-" + n + "\r\nCSeq: 1 OPTIONS\r\n"
                + "Content-Length: 0\r\n\r\n";
    }

    private static void send(DatagramSocket udp, String user, int n) throws Exception {
        int port = udp.getLocalPort();
        String request = "OPTIONS sip:" + user + "@" + SIPFRONT + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + port + ";branch=z9hG4bK-kamc-" + n + ";rport\r\n"
                + "Max-Forwards: 70\r\nFrom: <sip:probe@" + SIPFRONT + ">;tag=c" + n + "\r\n"
                + "To: <sip:" + user + "@" + SIPFRONT + ">\r\nCall-ID: kamailio-client-" + n + "\r\n"
                + "CSeq: 1 OPTIONS\r\nContent-Length: 0\r\n\r\n";
        byte[] bytes = request.getBytes(StandardCharsets.US_ASCII);
        udp.send(new DatagramPacket(bytes, bytes.length, InetAddress.getByName("127.0.0.1"), udpPort));
    }

    private static String receive(DatagramSocket udp) throws Exception {
        DatagramPacket packet = new DatagramPacket(new byte[65535], 65535);
        udp.receive(packet);
        return new String(packet.getData(), 0, packet.getLength(), StandardCharsets.US_ASCII);
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            return socket.getLocalPort();
        }
    }

    private static String config() {
        return String.join("\n",
                "#!KAMAILIO",
                "debug=2",
                "log_stderror=yes",
                "children=1",
                "tcp_children=1",
                "enable_tls=yes",
                "auto_aliases=no",
                "listen=udp:127.0.0.1:" + udpPort,
                "listen=tls:127.0.0.1:" + platformPort,
                "listen=tls:127.0.0.1:" + wrongNamePort,
                "mpath=\"@MODULES@\"",
                "loadmodule \"sl.so\"",
                "loadmodule \"tls.so\"",
                "loadmodule \"pv.so\"",
                "loadmodule \"xlog.so\"",
                "modparam(\"tls\", \"config\", \"@TLS_CFG@\")",
                "modparam(\"tls\", \"xavp_cfg\", \"tls\")",
                "request_route {",
                "    $xavp(tls=>server_name) = \"" + SIPFRONT + "\";",
                "    if ($rU == \"fwd\") { $du = \"sip:127.0.0.1:" + sipfront.port() + ";transport=tls\"; forward(); exit; }",
                "    if ($rU == \"fwd-untrusted\") { $du = \"sip:127.0.0.1:" + untrusted.port()
                        + ";transport=tls\"; forward(); exit; }",
                "    if (method == \"OPTIONS\") { sl_send_reply(\"200\", \"OK Kamailio\"); exit; }",
                "    sl_send_reply(\"404\", \"Not Here\");",
                "}",
                "event_route[core:worker-one-init] {",
                "    xlog(\"L_NOTICE\", \"" + Kamailio.READY + "\\n\");",
                "}",
                "");
    }

    /** Kamailio's own TLS settings: the platform's certificate on one socket, a wrong-name one on the other. */
    private static String tlsConfig() {
        return profile("server:default", true, pki.platform)
                + profile("server:127.0.0.1:" + wrongNamePort, false, pki.wrongName)
                + profile("client:default", true, pki.platform)
                + "server_name = " + SIPFRONT + "\n";
    }

    /** One tls.cfg profile; a verifying one trusts our test CA and demands the peer's certificate. */
    private static String profile(String name, boolean verify, TestPki.Leaf own) {
        String yesNo = verify ? "yes" : "no";
        return String.join("\n", "", "[" + name + "]", "method = TLSv1.2+", "verify_certificate = " + yesNo,
                "require_certificate = " + yesNo, "certificate = " + own.cert(), "private_key = " + own.key(),
                verify ? "ca_list = " + pki.ca : "", "");
    }
}
