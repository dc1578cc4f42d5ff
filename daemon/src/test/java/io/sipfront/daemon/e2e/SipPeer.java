package io.sipfront.daemon.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * A bare UDP SIP endpoint for byte-exact checks: sends what it is given and hands back what
 * arrives, untouched. OPTIONS pings that arrive meanwhile are answered 200 and skipped.
 */
public final class SipPeer implements AutoCloseable {
    private final DatagramSocket socket;
    private final List<SipMessage> skipped = new ArrayList<>();
    private InetSocketAddress lastSource;

    public SipPeer(String ip, int port) throws IOException {
        socket = new DatagramSocket(null);
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(ip, port));
    }

    public String host() {
        return socket.getLocalAddress().getHostAddress();
    }

    public int port() {
        return socket.getLocalPort();
    }

    public void send(SipMessage m, InetSocketAddress to) throws IOException {
        byte[] b = m.toBytes();
        socket.send(new DatagramPacket(b, b.length, to));
    }

    /** Replies to where the last message came from. */
    public void reply(SipMessage m) throws IOException {
        send(m, lastSource);
    }

    /**
     * The next message matching {@code wanted} within {@code timeout}; others are kept in
     * {@link #skipped()} (OPTIONS get 200). Fails on timeout, listing what was skipped.
     */
    public SipMessage receive(Predicate<SipMessage> wanted, Duration timeout, String what) throws IOException {
        long deadline = System.nanoTime() + timeout.toNanos();
        byte[] buf = new byte[65535];
        while (true) {
            long left = (deadline - System.nanoTime()) / 1_000_000;
            if (left <= 0) {
                throw new AssertionError("no " + what + " at " + host() + ":" + port() + " within " + timeout.toMillis()
                        + " ms; skipped meanwhile: " + skipped.stream().map(SipMessage::startLine).toList());
            }
            socket.setSoTimeout((int) Math.max(1, left));
            DatagramPacket p = new DatagramPacket(buf, buf.length);
            try {
                socket.receive(p);
            } catch (SocketTimeoutException e) {
                continue;
            }
            SipMessage m = SipMessage.parse(p.getData(), p.getLength());
            InetSocketAddress source = (InetSocketAddress) p.getSocketAddress();
            if (wanted.test(m)) {
                lastSource = source;
                return m;
            }
            skipped.add(m);
            if (m.isRequest() && m.method().equals("OPTIONS")) {
                send(response(m, 200, "OK", null).build(), source);
            }
        }
    }

    public List<SipMessage> skipped() {
        return List.copyOf(skipped);
    }

    /** A response to {@code request}: all its Via, From, To (plus {@code toTag}), Call-ID, CSeq and Record-Route. */
    public static SipMessage.Builder response(SipMessage request, int code, String reason, String toTag) {
        String to = request.header("To").orElseThrow();
        if (toTag != null && !to.contains(";tag=")) {
            to = to + ";tag=" + toTag;
        }
        return new SipMessage.Builder("SIP/2.0 " + code + " " + reason)
                .headers("Via", request.values("Via"))
                .header("From", request.header("From").orElseThrow())
                .header("To", to)
                .header("Call-ID", request.header("Call-ID").orElseThrow())
                .header("CSeq", request.header("CSeq").orElseThrow())
                .headers("Record-Route", request.values("Record-Route"));
    }

    @Override
    public void close() {
        socket.close();
    }
}
