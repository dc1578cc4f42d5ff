import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.locks.LockSupport;

/**
 * Bench flood generator (java Flood.java TARGET_IP TARGET_PORT SOURCE_IP RATE SECONDS): OPTIONS requests from one
 * source address at RATE a second, each with its own Call-ID and branch, paced in 1 ms steps. Prints the number sent
 * and the number of answers read back. Loopback only: the bench script runs it inside its own network namespace.
 */
public class Flood {
    public static void main(String[] args) throws Exception {
        InetSocketAddress target = new InetSocketAddress(args[0], Integer.parseInt(args[1]));
        String source = args[2];
        int rate = Integer.parseInt(args[3]);
        int seconds = Integer.parseInt(args[4]);
        try (DatagramChannel ch = DatagramChannel.open()) {
            ch.bind(new InetSocketAddress(source, 0));
            ch.configureBlocking(false);
            int port = ((InetSocketAddress) ch.getLocalAddress()).getPort();
            ByteBuffer in = ByteBuffer.allocate(65536);
            long start = System.nanoTime();
            long sent = 0;
            long answers = 0;
            long total = (long) rate * seconds;
            while (sent < total) {
                long due = start + sent * 1_000_000_000L / rate;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(Math.min(wait, 1_000_000));
                    continue;
                }
                String m = "OPTIONS sip:bench@" + args[0] + " SIP/2.0\r\n"
                        + "Via: SIP/2.0/UDP " + source + ":" + port + ";branch=z9hG4bK-b" + sent + "\r\n"
                        + "From: <sip:bench@" + source + ">;tag=" + sent + "\r\nTo: <sip:bench@" + args[0] + ">\r\n"
                        + "Call-ID: b" + sent + "@" + source + "\r\nCSeq: 1 OPTIONS\r\nMax-Forwards: 70\r\n"
                        + "Content-Length: 0\r\n\r\n";
                ch.send(ByteBuffer.wrap(m.getBytes(StandardCharsets.US_ASCII)), target);
                sent++;
                in.clear();
                while (ch.receive(in) != null) {
                    answers++;
                    in.clear();
                }
            }
            System.out.println("sent=" + sent + " answers=" + answers);
        }
    }
}
