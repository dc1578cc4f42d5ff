package io.sipfront.core.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.config.AccountSettings;
import io.sipfront.config.Secret;
import io.sipfront.core.testing.ProxyHarness;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Cross-check against an implementation nobody here wrote: Kamailio's auth module challenges (401 for REGISTER, 407
 * for INVITE; MD5 and SHA-256; with and without qop) and verifies the answers {@link DigestAnswer} computes. Binds
 * 127.0.0.1:5098/5099: run in a private network namespace, as bin/test does.
 */
class KamailioDigestTest {
    static final Path KAMAILIO = Path.of("/usr/sbin/kamailio");
    static final AccountSettings ACCOUNT = new AccountSettings("carrier-a", "sipfront-a", Optional.empty(),
            new Secret("kam-Secret-1".toCharArray(), "test"), Optional.empty());
    static final AccountSettings WRONG = new AccountSettings("carrier-a", "sipfront-a", Optional.empty(),
            new Secret("not-the-password".toCharArray(), "test"), Optional.empty());
    private static Process md5;
    private static Process sha256;

    @BeforeAll
    static void startKamailio() throws Exception {
        assumeTrue(Files.isExecutable(KAMAILIO), "kamailio is not installed (bin/test installs it)");
        Path cfg = Path.of(KamailioDigestTest.class.getResource("/kamailio/challenger.cfg").toURI());
        Path dir = Files.createTempDirectory("kamailio-digest");
        md5 = start(cfg, dir.resolve("md5.log"), 5098);
        try {
            sha256 = start(cfg, dir.resolve("sha256.log"), 5099, "-A", "SHA256");
        } catch (Exception e) {
            stopKamailio();
            throw e;
        }
    }

    private static Process start(Path cfg, Path log, int port, String... extra) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of(KAMAILIO.toString(), "-f", cfg.toString(), "-DD", "-E",
                "-m", "32", "-M", "8", "-w", log.getParent().toString(), "-Y", log.getParent().toString(),
                "-l", "udp:127.0.0.1:" + port));
        cmd.addAll(List.of(extra));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        // Ready once it answers; an OPTIONS is challenged like anything else.
        for (int i = 0; i < 50 && p.isAlive(); i++) { // bounded: 5 s
            try (DatagramSocket s = socket(100)) {
                send(s, port, request("OPTIONS", port, 1, "", null));
                s.receive(new DatagramPacket(new byte[4096], 4096));
                return p;
            } catch (SocketTimeoutException e) {
                // not listening yet
            }
        }
        p.destroyForcibly();
        throw new IllegalStateException("kamailio did not start: " + Files.readString(log));
    }

    @AfterAll
    static void stopKamailio() throws Exception {
        for (Process p : new Process[] {md5, sha256}) {
            if (p != null) {
                p.destroy(); // by its PID, SIGTERM
                if (!p.waitFor(5, TimeUnit.SECONDS)) {
                    p.destroyForcibly();
                }
            }
        }
    }

    @ParameterizedTest(name = "{0} {1} qop={2}")
    @CsvSource({"REGISTER,MD5,0", "REGISTER,MD5,1", "INVITE,MD5,0", "INVITE,MD5,1",
            "REGISTER,SHA-256,0", "REGISTER,SHA-256,1", "INVITE,SHA-256,0", "INVITE,SHA-256,1"})
    void kamailioAcceptsOurAnswer(String method, String algorithm, int qop) throws Exception {
        int port = algorithm.equals("MD5") ? 5098 : 5099;
        try (DatagramSocket s = socket(3000)) {
            SIPResponse challenge = exchange(s, port, request(method, port, 1, qop == 1 ? "X-Qop: 1\r\n" : "", null));
            assertEquals(method.equals("REGISTER") ? 401 : 407, challenge.getStatusCode());
            Challenge c = Challenge.of(challenge);
            assertNotNull(c, challenge.toString());
            assertEquals(algorithm, c.algorithm().token());
            assertEquals(qop == 1 ? "auth" : null, c.qop());
            String uri = "sip:" + (method.equals("REGISTER") ? "" : "+4420@") + "127.0.0.1:" + port;
            String answer = DigestAnswer.build(c, ACCOUNT, method, uri, 1).encode();
            SIPResponse ok = exchange(s, port, request(method, port, 2, qop == 1 ? "X-Qop: 1\r\n" : "", answer));
            assertEquals(200, ok.getStatusCode(), "Kamailio refused " + answer);
        }
    }

    @Test
    void kamailioRefusesAWrongPassword() throws Exception {
        try (DatagramSocket s = socket(3000)) {
            SIPResponse challenge = exchange(s, 5099, request("INVITE", 5099, 1, "X-Qop: 1\r\n", null));
            String answer = DigestAnswer.build(Challenge.of(challenge), WRONG, "INVITE", "sip:+4420@127.0.0.1:5099", 1)
                    .encode();
            assertEquals(407, exchange(s, 5099, request("INVITE", 5099, 2, "X-Qop: 1\r\n", answer)).getStatusCode());
        }
    }

    private static SIPResponse exchange(DatagramSocket s, int port, String request) throws IOException {
        send(s, port, request);
        DatagramPacket p = new DatagramPacket(new byte[8192], 8192);
        s.receive(p);
        return (SIPResponse) ProxyHarness.parse(java.util.Arrays.copyOf(p.getData(), p.getLength()));
    }

    private static DatagramSocket socket(int timeoutMs) throws IOException {
        DatagramSocket s = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        s.setSoTimeout(timeoutMs);
        return s;
    }

    private static void send(DatagramSocket s, int port, String text) throws IOException {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        s.send(new DatagramPacket(b, b.length, new InetSocketAddress(InetAddress.getLoopbackAddress(), port)));
    }

    private static String request(String method, int port, int cseq, String extra, String authorization) {
        boolean register = method.equals("REGISTER");
        String ruri = "sip:" + (register ? "" : "+4420@") + "127.0.0.1:" + port;
        return method + " " + ruri + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:5060;rport;branch=z9hG4bKkam" + method + cseq + System.nanoTime() + "\r\n"
                + "Max-Forwards: 70\r\n"
                + "From: <sip:sipfront-a@kam.test>;tag=k1\r\n"
                + "To: <sip:" + (register ? "sipfront-a" : "+4420") + "@kam.test>\r\n"
                + "Call-ID: kam-" + method + "-" + port + "@test\r\n"
                + "CSeq: " + cseq + " " + method + "\r\n"
                + (register ? "Contact: <sip:sipfront-a@127.0.0.1:5060>\r\nExpires: 60\r\n" : "")
                + extra
                + (authorization == null ? "" : authorization.trim() + "\r\n")
                + "Content-Length: 0\r\n\r\n";
    }
}
