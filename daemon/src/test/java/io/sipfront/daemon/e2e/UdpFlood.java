package io.sipfront.daemon.e2e;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * A flood generator for the edge tests: SIP requests from one loopback address to Sipfront, paced at a rate, bounded
 * in count and time, counting what comes back. Only ever sends to 127.0.0.1:5060.
 */
final class UdpFlood {
    private static final InetSocketAddress PROXY = new InetSocketAddress("127.0.0.1", E2e.SIP_PORT);

    /** @param answered datagrams Sipfront sent back to the flooding address */
    record Result(int sent, int answered) {
    }

    private UdpFlood() {
    }

    /** One OPTIONS to Sipfront from {@code source}, with {@code userAgent} (null: none). */
    static byte[] options(String source, int port, int n, String userAgent) {
        return ("OPTIONS sip:15551234567@127.0.0.1:5060 SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP " + source + ":" + port + ";branch=z9hG4bK-flood-" + n + "\r\n"
                + "From: <sip:flood@" + source + ">;tag=f" + n + "\r\n"
                + "To: <sip:15551234567@127.0.0.1>\r\n"
                + "Call-ID: flood-" + n + "@" + source + "\r\n"
                + "CSeq: 1 OPTIONS\r\n"
                + "Max-Forwards: 70\r\n"
                + (userAgent == null ? "" : "User-Agent: " + userAgent + "\r\n")
                + "Content-Length: 0\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * Sends {@code perSecond} requests a second for {@code duration} from {@code source} (one socket, one port), then
     * keeps listening for {@code linger}; returns how many were sent and how many answers arrived.
     */
    static Result run(String source, int perSecond, Duration duration, String userAgent, Duration linger)
            throws IOException {
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(source, 0));
            ch.configureBlocking(false);
            int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
            int total = (int) Math.min(100_000, perSecond * duration.toMillis() / 1000);
            long interval = 1_000_000_000L / perSecond;
            long start = System.nanoTime();
            ByteBuffer in = ByteBuffer.allocate(65536);
            int answered = 0;
            for (int i = 0; i < total; i++) {
                long due = start + i * interval;
                while (System.nanoTime() - due < 0) {
                    answered += drain(ch, in);
                    LockSupport.parkNanos(Math.min(200_000, due - System.nanoTime()));
                }
                ch.send(ByteBuffer.wrap(options(source, port, i, userAgent)), PROXY);
            }
            long end = System.nanoTime() + linger.toNanos();
            while (System.nanoTime() - end < 0) {
                answered += drain(ch, in);
                LockSupport.parkNanos(5_000_000);
            }
            return new Result(total, answered);
        }
    }

    private static int drain(DatagramChannel ch, ByteBuffer in) throws IOException {
        int n = 0;
        while (true) {
            in.clear();
            if (ch.receive(in) == null) {
                return n;
            }
            n++;
        }
    }
}
