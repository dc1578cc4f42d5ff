package io.sipfront.daemon.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A UDP SIP endpoint that keeps reading in the background, so that Sipfront's OPTIONS probes are answered 200 all the
 * time (a {@link SipPeer} answers them only while a test waits in {@code receive}); for tests that run long enough
 * for an unanswered probe to take a destination out of service.
 */
public final class UdpSipEndpoint implements AutoCloseable {
    private final DatagramSocket socket;
    private final BlockingQueue<SipMessage> queue = new LinkedBlockingQueue<>();
    private final String name;

    public UdpSipEndpoint(String ip, int port) throws IOException {
        socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(ip, port));
        name = ip + ":" + port;
        Thread reader = new Thread(this::readLoop, "udp-peer-" + name);
        reader.setDaemon(true);
        reader.start();
    }

    private void readLoop() {
        byte[] buf = new byte[65535];
        while (!socket.isClosed()) {
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
                SipMessage m = SipMessage.parse(p.getData(), p.getLength());
                if (m.isRequest() && m.method().equals("OPTIONS")) {
                    send(SipPeer.response(m, 200, "OK", null).build(), (InetSocketAddress) p.getSocketAddress());
                } else {
                    queue.add(m);
                }
            } catch (IOException | RuntimeException closedOrGarbage) {
                // closed by the test, or a datagram that is no SIP: nothing to hand on
            }
        }
    }

    public void send(SipMessage m, InetSocketAddress to) throws IOException {
        byte[] b = m.toBytes();
        socket.send(new DatagramPacket(b, b.length, to));
    }

    /** The next message matching {@code wanted} within {@code timeout}; fails listing what arrived instead. */
    public SipMessage receive(Predicate<SipMessage> wanted, Duration timeout, String what) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<String> others = new ArrayList<>();
        while (true) {
            SipMessage m = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (m == null) {
                throw new AssertionError("no " + what + " at " + name + " within " + timeout.toMillis()
                        + " ms; read meanwhile: " + others);
            }
            if (wanted.test(m)) {
                return m;
            }
            others.add(m.startLine());
        }
    }

    /** Everything read and not yet taken (OPTIONS excluded). */
    public List<SipMessage> drain() {
        List<SipMessage> out = new ArrayList<>();
        queue.drainTo(out);
        return out;
    }

    @Override
    public void close() {
        socket.close();
    }
}
