package io.sipfront.core.tls;

import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * Which provider is cheaper: CPU time of a full handshake (both ends, ECDSA P-256, our RFC 5922 trust manager) and of
 * one ~1 KB SIP message sent and read over an established session, JDK against BoringSSL. In memory, one thread,
 * so the figures are CPU cost without network or scheduling. A main, not a test: it reports and asserts nothing.
 *
 * <p>Run: {@code mvn -q -pl proxy-core -am test-compile} then
 * {@code java -cp proxy-core/target/test-classes:proxy-core/target/classes:$(cat cp.txt) io.sipfront.core.tls.TlsProviderBench}
 * with the test classpath in cp.txt ({@code mvn -q -pl proxy-core dependency:build-classpath -Dmdep.outputFile=cp.txt
 * -Dmdep.includeScope=test}).
 */
public final class TlsProviderBench {
    private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();
    private static final String INVITE = invite();

    private TlsProviderBench() {
    }

    public static void main(String[] args) throws Exception {
        int handshakes = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int messages = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        System.out.printf(Locale.ROOT, "java %s, %s, message %d bytes%n", Runtime.version(),
                OpenSsl.isAvailable() ? OpenSsl.versionString() : "no OpenSSL", INVITE.length());
        for (int round = 0; round < 2; round++) { // the first round warms the JIT up
            double plain = plainMessageMicros(messages);
            if (round == 1) {
                System.out.printf(Locale.ROOT, "%-21s (same pipeline, no TLS)      message %6.2f us CPU%n",
                        "plaintext", plain);
            }
            for (SslProvider provider : new SslProvider[] {SslProvider.JDK, SslProvider.OPENSSL_REFCNT}) {
                for (boolean mutual : new boolean[] {false, true}) {
                    run(provider, mutual, handshakes, messages, round == 1);
                }
            }
        }
    }

    private static void run(SslProvider provider, boolean mutual, int handshakes, int messages, boolean report)
            throws Exception {
        TestPki pki = TestPki.get();
        try (TlsContexts contexts = new TlsContexts(provider)) {
            ReloadableSslContext server = contexts.server(mutual
                    ? new TlsServerSettings(pki.platform.files(), ClientAuthMode.REQUIRE, pki.ca,
                    HandshakePolicy.DEFAULTS)
                    : TlsServerSettings.of(pki.platform.files()));
            ReloadableSslContext client = contexts.client(new TlsClientSettings(pki.ca,
                    mutual ? pki.sipfront.files() : null, PeerVerification.STRICT, HandshakePolicy.DEFAULTS));

            long start = CPU.getCurrentThreadCpuTime();
            for (int i = 0; i < handshakes; i++) {
                try (TlsPair pair = TlsPair.connect(server, client, TestPki.PLATFORM)) {
                    if (pair.clientHandshakeFailure() != null) {
                        throw new IllegalStateException("handshake failed", pair.clientHandshakeFailure());
                    }
                }
            }
            double handshakeMicros = (CPU.getCurrentThreadCpuTime() - start) / 1e3 / handshakes;

            double messageMicros;
            try (TlsPair pair = TlsPair.connect(server, client, TestPki.PLATFORM)) {
                start = CPU.getCurrentThreadCpuTime();
                for (int i = 0; i < messages; i++) {
                    pair.clientSends(INVITE);
                    pair.serverSide.received.setLength(0);
                }
                messageMicros = (CPU.getCurrentThreadCpuTime() - start) / 1e3 / messages;
            }
            if (report) {
                System.out.printf(Locale.ROOT, "%-14s %-6s handshake %8.1f us CPU   message %6.2f us CPU%n",
                        provider, mutual ? "mTLS" : "server", handshakeMicros, messageMicros);
            }
        }
    }

    /** The same carrying of bytes between two EmbeddedChannels without TLS: what the per-message figures include. */
    private static double plainMessageMicros(int messages) {
        io.netty.channel.embedded.EmbeddedChannel client = new io.netty.channel.embedded.EmbeddedChannel();
        TlsPair.Side side = new TlsPair.Side();
        io.netty.channel.embedded.EmbeddedChannel server = new io.netty.channel.embedded.EmbeddedChannel(side);
        long start = CPU.getCurrentThreadCpuTime();
        for (int i = 0; i < messages; i++) {
            client.writeAndFlush(io.netty.buffer.Unpooled.copiedBuffer(INVITE, java.nio.charset.StandardCharsets.UTF_8));
            for (Object out = client.readOutbound(); out != null; out = client.readOutbound()) {
                server.pipeline().fireChannelRead(out);
                server.pipeline().fireChannelReadComplete();
            }
            side.received.setLength(0);
        }
        double micros = (CPU.getCurrentThreadCpuTime() - start) / 1e3 / messages;
        client.finishAndReleaseAll();
        server.finishAndReleaseAll();
        return micros;
    }

    private static String invite() {
        StringBuilder sdp = new StringBuilder("v=0\r\no=- 1 1 IN IP4 192.0.2.10\r\ns=-\r\nc=IN IP4 192.0.2.10\r\n"
                + "t=0 0\r\nm=audio 20000 RTP/SAVP 0 8 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:8 PCMA/8000\r\n"
                + "a=rtpmap:101 telephone-event/8000\r\na=fmtp:101 0-16\r\n"
                + "a=crypto:1 AES_CM_128_HMAC_SHA1_80 inline:WVNfX19zZW1jdGwgKCkgewkyMjA7fQp9CnVubGVz\r\n");
        return "INVITE sip:+4930123456@platform.sipfront.test SIP/2.0\r\n"
                + "Via: SIP/2.0/TLS 127.0.0.1:5061;branch=z9hG4bK-bench-1;rport\r\n"
                + "Max-Forwards: 69\r\nRecord-Route: <sip:127.0.0.1:5061;transport=tls;lr>\r\n"
                + "From: <sip:+4940987654@carrier.example>;tag=abc\r\nTo: <sip:+4930123456@platform.sipfront.test>\r\n"
                + "Call-ID: bench-call-1@carrier.example\r\nCSeq: 1 INVITE\r\n"
                + "Contact: <sip:+4940987654@192.0.2.10:5060>\r\nContent-Type: application/sdp\r\n"
                + "Content-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }
}
