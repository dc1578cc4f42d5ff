package io.sipfront.daemon.e2e;

import static io.sipfront.daemon.e2e.E2e.CARRIER_A;
import static io.sipfront.daemon.e2e.E2e.PLATFORM_1;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.sipfront.daemon.e2e.Sipp.Result;
import io.sipfront.daemon.e2e.Sipp.Run;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The daemon with a {@code hep} section mirrors every message of a call, in and out, to the collector. (What the
 * packets mean is checked against sngrep and tshark in proxy-core's HepCaptureTest; here: the wiring.)
 */
class HepCaptureIT extends E2eBase {
    private static final int COLLECTOR_PORT = 9071;
    private DatagramSocket collector;

    @Override
    protected String configName() {
        return "loopback-udp.yaml";
    }

    @Override
    protected Path configFile(Path classDir) throws IOException {
        collector = new DatagramSocket(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), COLLECTOR_PORT));
        collector.setSoTimeout(2_000);
        Path config = classDir.resolve("sipfront.yaml");
        Files.writeString(config, Files.readString(E2e.config(configName()))
                + "\nhep: { collector: 127.0.0.1:" + COLLECTOR_PORT + ", capture_id: 77 }\n");
        return config;
    }

    @AfterAll
    void closeCollector() {
        collector.close();
    }

    /** One HEP packet: source and destination IPv4 and the payload's start line. */
    private record Hep(String src, String dst, long captureId, String startLine, String payload) {
        boolean isProbe() {
            return java.util.regex.Pattern.compile("(?mi)^CSeq:\\s*\\d+\\s+OPTIONS").matcher(payload).find();
        }
    }

    private static Hep decode(byte[] p, int length) {
        ByteBuffer b = ByteBuffer.wrap(p, 0, length);
        assertEquals("HEP3", new String(p, 0, 4, StandardCharsets.US_ASCII));
        assertEquals(length, b.getShort(4) & 0xffff, "the length field is the datagram's size");
        String src = null;
        String dst = null;
        long id = -1;
        String payload = "";
        int i = 6;
        while (i < length) {
            int type = b.getShort(i + 2) & 0xffff;
            int len = b.getShort(i + 4) & 0xffff;
            int v = i + 6;
            switch (type) {
                case 0x03 -> src = (p[v] & 0xff) + "." + (p[v + 1] & 0xff) + "." + (p[v + 2] & 0xff) + "." + (p[v + 3] & 0xff);
                case 0x04 -> dst = (p[v] & 0xff) + "." + (p[v + 1] & 0xff) + "." + (p[v + 2] & 0xff) + "." + (p[v + 3] & 0xff);
                case 0x0c -> id = b.getInt(v) & 0xffffffffL;
                case 0x0f -> payload = new String(p, v, len - 6, StandardCharsets.UTF_8);
                default -> { }
            }
            i += len;
        }
        return new Hep(src, dst, id, payload.lines().findFirst().orElse(""), payload);
    }

    @Test
    void everyMessageOfACallInAndOutIsMirrored() throws Exception {
        try (Run carrier = uas("uas.xml", "carrier-a").local(CARRIER_A).start()) {
            Result caller = uac("uac.xml", "platform").local(PLATFORM_1).calls(1).hold(Duration.ofMillis(200))
                    .callIdPrefix("hep").start().await(SHORT_RUN);
            carrier.stop();
            caller.assertAllSucceeded(1);
        }
        // Probes keep arriving: read until the call's messages have been quiet for 1 s, 15 s at most.
        List<Hep> packets = new ArrayList<>();
        byte[] buf = new byte[65_535];
        collector.setSoTimeout(200);
        long deadline = System.nanoTime() + Duration.ofSeconds(15).toNanos();
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline && System.nanoTime() - quietSince < Duration.ofSeconds(1).toNanos()) {
            DatagramPacket d = new DatagramPacket(buf, buf.length);
            try {
                collector.receive(d);
            } catch (SocketTimeoutException e) {
                continue;
            }
            Hep h = decode(buf, d.getLength());
            if (!h.isProbe()) {
                packets.add(h);
                quietSince = System.nanoTime();
            }
        }
        assertTrue(packets.stream().allMatch(h -> h.captureId() == 77), packets.toString());
        for (String[] expected : new String[][] {
            {"127.0.0.10", "127.0.0.1", "INVITE "}, {"127.0.0.1", "127.0.0.20", "INVITE "},
            {"127.0.0.20", "127.0.0.1", "SIP/2.0 200"}, {"127.0.0.1", "127.0.0.10", "SIP/2.0 200"},
            {"127.0.0.10", "127.0.0.1", "ACK "}, {"127.0.0.1", "127.0.0.20", "ACK "},
            {"127.0.0.10", "127.0.0.1", "BYE "}, {"127.0.0.1", "127.0.0.20", "BYE "}}) {
            assertTrue(packets.stream().anyMatch(h -> h.src().equals(expected[0]) && h.dst().equals(expected[1])
                    && h.startLine().startsWith(expected[2])), () -> String.join(" ", expected) + " in " + packets);
        }
    }
}
