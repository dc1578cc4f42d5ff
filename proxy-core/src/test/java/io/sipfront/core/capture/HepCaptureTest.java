package io.sipfront.core.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sipfront.net.Transport;
import java.io.DataInputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** What the capture sends, decoded by sngrep's HEP listener and read back with tshark. */
@Timeout(60)
class HepCaptureTest {
    /** A fixed instant with microseconds, so the decoded timestamp can be compared exactly. */
    private static final Instant AT = Instant.parse("2026-12-06T10:15:30.123456Z");
    private static final Clock CLOCK = Clock.fixed(AT, ZoneOffset.UTC);

    @TempDir
    Path dir;
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final HepCounters counters = HepCounters.register(meters);

    static byte[] invite(String callId) {
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.10\r\ns=-\r\nc=IN IP4 127.0.0.10\r\nt=0 0\r\n";
        return ("INVITE sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.10:5062;branch=z9hG4bK-1\r\n"
                + "From: <sip:a@127.0.0.10>;tag=f1\r\nTo: <sip:15551234567@127.0.0.1>\r\n"
                + "Call-ID: " + callId + "\r\nCSeq: 1 INVITE\r\nMax-Forwards: 70\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp)
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] ok(String callId) {
        return ("SIP/2.0 200 OK\r\nVia: SIP/2.0/TCP 127.0.0.1:5060;branch=z9hG4bK-2\r\n"
                + "From: <sip:a@127.0.0.10>;tag=f1\r\nTo: <sip:b@127.0.0.20>;tag=t1\r\n"
                + "i: " + callId + "\r\nCSeq: 1 INVITE\r\nContent-Length: 0\r\n\r\n").getBytes(StandardCharsets.UTF_8);
    }

    private static InetSocketAddress at(String ip, int port) throws IOException {
        return new InetSocketAddress(InetAddress.getByName(ip), port);
    }

    private HepCapture start(Transport transport, int port, String key) throws IOException {
        return HepCapture.start(new HepSettings(true, at("127.0.0.1", port), transport, 4242, key, 64), counters,
                CLOCK);
    }

    private static void await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, "not within 10 s");
            Thread.sleep(10);
        }
    }

    private void captureOneCallsMessages(HepCapture capture) throws IOException {
        capture.capture(invite("hep-call-1"), Transport.UDP, at("127.0.0.10", 5062), at("127.0.0.1", 5060));
        capture.capture(ok("hep-call-1"), Transport.TCP, at("127.0.0.20", 5060), at("127.0.0.1", 41000));
    }

    /** sngrep writes every decoded message as a UDP packet, whatever HEP's protocol chunk says. */
    private static final String[] FIELDS = {"frame.time_epoch", "ip.src", "udp.srcport", "ip.dst", "udp.dstport",
        "sip.Method", "sip.Status-Code", "sip.Call-ID"};

    private static void assertDecoded(List<String> rows) {
        assertEquals(2, rows.size(), rows.toString());
        assertEquals("1796552130.123456000|127.0.0.10|5062|127.0.0.1|5060|INVITE||hep-call-1", rows.get(0));
        assertEquals("1796552130.123456000|127.0.0.20|5060|127.0.0.1|41000||200|hep-call-1", rows.get(1));
    }

    /** Sends one call's two messages over UDP with {@code key} to sngrep demanding {@code password}. */
    private List<String> overUdp(String password, String key) throws Exception {
        try (Sngrep sngrep = Sngrep.listen(dir, password)) {
            HepCapture capture = start(Transport.UDP, sngrep.port, key);
            try {
                captureOneCallsMessages(capture);
                await(() -> counters.sent().count() == 2);
                Thread.sleep(300); // sngrep writes the pcap after its read
            } finally {
                capture.close();
            }
            return sngrep.stopAndRead(FIELDS);
        }
    }

    @Test
    void messagesOverUdpAreDecodedWithTheirAddressesTimestampsAndAuthKey() throws Exception {
        assertDecoded(overUdp("s3cret", "s3cret"));
    }

    @Test
    void aWrongAuthKeyIsRefusedByTheCollector() throws Exception {
        assertEquals(List.of(), overUdp("s3cret", "wrong"), "the key is checked, so it was sent");
    }

    /**
     * Over TCP the collector frames the stream by the length at offset 4 (as heplify-server does); each framed packet
     * is relayed to sngrep, which decodes only whole, well-formed packets.
     */
    @Test
    void messagesOverTcpAreFramedByTheirLength() throws Exception {
        try (Sngrep sngrep = Sngrep.listen(dir, null); ServerSocket collector = new ServerSocket(0, 1,
                InetAddress.getLoopbackAddress()); DatagramSocket relay = new DatagramSocket()) {
            HepCapture capture = start(Transport.TCP, collector.getLocalPort(), null);
            try {
                captureOneCallsMessages(capture);
                try (Socket s = collector.accept()) {
                    DataInputStream in = new DataInputStream(s.getInputStream());
                    for (int i = 0; i < 2; i++) {
                        byte[] head = new byte[6];
                        in.readFully(head);
                        assertEquals("HEP3", new String(head, 0, 4, StandardCharsets.US_ASCII));
                        int length = ((head[4] & 0xff) << 8) | (head[5] & 0xff);
                        byte[] packet = new byte[length];
                        System.arraycopy(head, 0, packet, 0, 6);
                        in.readFully(packet, 6, length - 6);
                        relay.send(new DatagramPacket(packet, length, at("127.0.0.1", sngrep.port)));
                    }
                }
                Thread.sleep(300);
            } finally {
                capture.close();
            }
            assertDecoded(sngrep.stopAndRead(FIELDS));
        }
    }

    @Test
    void aFullQueueDropsAndCountsInsteadOfWaiting() throws Exception {
        // A collector that never reads cannot hold up the callers: a TCP port nobody listens on.
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        HepCapture capture = start(Transport.TCP, closed, null);
        try {
            for (int i = 0; i < 10_000; i++) {
                capture.capture(invite("flood-" + i), Transport.UDP, at("127.0.0.10", 5062), at("127.0.0.1", 5060));
            }
            await(() -> counters.queueFull().count() + counters.sendFailed().count() == 10_000);
            assertTrue(counters.queueFull().count() > 0, "queue of 64 overflowed");
            assertEquals(0, counters.sent().count());
        } finally {
            capture.close();
        }
    }
}
