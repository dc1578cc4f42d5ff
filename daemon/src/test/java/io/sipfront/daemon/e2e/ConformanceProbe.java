package io.sipfront.daemon.e2e;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs INSIDE a loopback-only network namespace (started by {@link ConformanceIT} with {@code ip netns exec}): plays
 * the platform (127.0.0.10:5060) sending each corpus message to Sipfront at 127.0.0.1:5060, and carrier A
 * (127.0.0.20:5060), which answers every forwarded request at once with a 200 so nothing lingers into the next
 * message's window. Writes one line per message: {@code file TAB platform-statuses TAB carrier-methods}.
 *
 * <p>Only JDK classes: the namespace process gets nothing but {@code target/test-classes} on its class path.
 */
public final class ConformanceProbe {
    private static final int WINDOW_MS = 300;

    private ConformanceProbe() {
    }

    /** args: result file, then pairs of (name, path of the bytes to send). */
    public static void main(String[] args) throws IOException {
        InetAddress lo = InetAddress.getByName("127.0.0.1");
        InetSocketAddress proxy = new InetSocketAddress(lo, 5060);
        List<String> lines = new ArrayList<>();
        try (DatagramSocket platform = new DatagramSocket(new InetSocketAddress("127.0.0.10", 5060));
             DatagramSocket carrier = new DatagramSocket(new InetSocketAddress("127.0.0.20", 5060))) {
            platform.setSoTimeout(5);
            carrier.setSoTimeout(5);
            for (int i = 1; i + 1 < args.length; i += 2) {
                byte[] bytes = Files.readAllBytes(Path.of(args[i + 1]));
                // Replies go to the sender's address at its Via sent-by port (RFC 3261 §18.2.2): listen there too.
                DatagramSocket replies = viaPortSocket(bytes);
                platform.send(new DatagramPacket(bytes, bytes.length, proxy));
                List<String> statuses = new ArrayList<>();
                List<String> methods = new ArrayList<>();
                long end = System.nanoTime() + WINDOW_MS * 1_000_000L;
                while (System.nanoTime() < end) {
                    for (DatagramSocket s : replies == null ? List.of(platform) : List.of(platform, replies)) {
                        String atPlatform = receive(s);
                        if (atPlatform != null && atPlatform.startsWith("SIP/2.0 ")) {
                            statuses.add(atPlatform.substring(8, 11));
                        } else if (isSipfrontProbe(atPlatform)) {
                            byte[] ok = ok(atPlatform);
                            s.send(new DatagramPacket(ok, ok.length, proxy));
                        }
                    }
                    String atCarrier = receive(carrier);
                    if (isSipfrontProbe(atCarrier)) {
                        byte[] ok = ok(atCarrier);
                        carrier.send(new DatagramPacket(ok, ok.length, proxy));
                    } else if (atCarrier != null && !atCarrier.startsWith("SIP/2.0")) {
                        methods.add(atCarrier.substring(0, atCarrier.indexOf(' ')));
                        if (!atCarrier.startsWith("ACK ")) {
                            byte[] ok = ok(atCarrier);
                            carrier.send(new DatagramPacket(ok, ok.length, proxy));
                        }
                    }
                }
                if (replies != null) {
                    replies.close();
                }
                lines.add(args[i] + "\t" + String.join(",", statuses) + "\t" + String.join(",", methods));
            }
        }
        Files.write(Path.of(args[0]), lines, StandardCharsets.UTF_8);
    }

    /** Sipfront's own OPTIONS health probe (From sip:sipfront@...): answered, never counted as a forwarded message. */
    private static boolean isSipfrontProbe(String message) {
        return message != null && message.startsWith("OPTIONS ") && message.contains("\nFrom: <sip:sipfront@");
    }

    private static final java.util.regex.Pattern TOP_VIA = java.util.regex.Pattern.compile(
            "(?im)^(?:via|v)[ \\t]*:[ \\t]*SIP[ \\t]*/[ \\t]*2\\.0[ \\t]*/[ \\t]*\\w+[ \\t]+([^;,\\s]+)");

    /** A socket on 127.0.0.10 at the top Via's port when that is not 5060, else null. */
    private static DatagramSocket viaPortSocket(byte[] message) {
        java.util.regex.Matcher m = TOP_VIA.matcher(new String(message, StandardCharsets.ISO_8859_1));
        if (!m.find()) {
            return null;
        }
        String sentBy = m.group(1);
        int colon = sentBy.lastIndexOf(':');
        if (colon < 0 || colon < sentBy.lastIndexOf(']')) {
            return null;
        }
        try {
            int port = Integer.parseInt(sentBy.substring(colon + 1));
            if (port == 5060 || port < 1 || port > 65535) {
                return null;
            }
            DatagramSocket s = new DatagramSocket(new InetSocketAddress("127.0.0.10", port));
            s.setSoTimeout(5);
            return s;
        } catch (NumberFormatException | IOException e) {
            return null;
        }
    }

    private static String receive(DatagramSocket socket) throws IOException {
        byte[] buf = new byte[65536];
        DatagramPacket p = new DatagramPacket(buf, buf.length);
        try {
            socket.receive(p);
        } catch (SocketTimeoutException e) {
            return null;
        }
        return new String(buf, 0, p.getLength(), StandardCharsets.ISO_8859_1);
    }

    /** A 200 for a request Sipfront forwarded (it writes long header names, one per line). */
    static byte[] ok(String request) {
        StringBuilder b = new StringBuilder("SIP/2.0 200 OK\r\n");
        String head = request.substring(0, Math.max(0, request.indexOf("\r\n\r\n")));
        for (String line : head.split("\r\n")) {
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase() : "";
            switch (name) {
                case "via", "from", "call-id", "cseq" -> b.append(line).append("\r\n");
                case "to" -> b.append(line).append(line.contains(";tag=") ? "" : ";tag=probe").append("\r\n");
                default -> { }
            }
        }
        return b.append("Content-Length: 0\r\n\r\n").toString().getBytes(StandardCharsets.ISO_8859_1);
    }
}
