package io.sipfront.microbench;

import io.sipfront.core.sip.ParseOutcome;
import io.sipfront.core.sip.SipParser;
import io.sipfront.net.Transport;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * One datagram's bytes to a JAIN-SIP message, as {@code SipfrontProxy.onMessage} parses every message it receives:
 * pre-scan, JAIN-SIP's parser with our checks, header fidelity, body.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseZGC", "-XX:-ZProactive"}) // the daemon's (bin/sipfront)
public class ParseBench {
    /** INVITE with SDP, the carrier's 180 and 200 (Record-Route, SDP), the platform's BYE (Route). */
    @Param({"INVITE", "180", "200", "BYE"})
    public String message;

    /**
     * {@code same}: the same call's message again, every line cached (the best case); {@code new}: the message of a
     * new call each time (per-call values new, as on a live node), cycling through {@link #CALLS} calls, more lines
     * than the parser's caches hold.
     */
    @Param({"same", "new"})
    public String call;

    static final int CALLS = 16_384;

    private final SipParser parser = new SipParser(BenchCall.MAX_HEADERS);
    private byte[][] calls;
    private int next;

    @Setup
    public void setUp() {
        int n = "new".equals(call) ? CALLS : 1;
        calls = new byte[n][];
        for (int i = 0; i < n; i++) {
            calls[i] = n == 1 ? BenchCall.named(message) : BenchCall.ofCall(message, i + 2);
            BenchCall.parse(parser, calls[i]);
        }
    }

    @Benchmark
    public ParseOutcome parse() {
        byte[] bytes = calls[next];
        next = next + 1 == calls.length ? 0 : next + 1;
        return parser.parse(bytes, Transport.UDP);
    }
}
