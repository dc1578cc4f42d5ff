package io.sipfront.microbench;

import gov.nist.javax.sip.message.SIPMessage;
import io.sipfront.core.sip.MessageEncoder;
import io.sipfront.core.sip.SipParser;
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
 * A parsed message back to bytes, as every message Sipfront sends on is encoded: {@code encoder=ours} is
 * {@link MessageEncoder} (what the proxy uses), {@code jain-sip} is {@code SIPMessage.encodeAsBytes}, whose bytes
 * it reproduces.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseZGC", "-XX:-ZProactive"}) // the daemon's (bin/sipfront)
public class EncodeBench {
    /** The platform's INVITE with SDP and the carrier's 200 with Record-Route and SDP, as parsed. */
    @Param({"INVITE", "200"})
    public String message;

    @Param({"ours", "jain-sip"})
    public String encoder;

    private SIPMessage parsed;
    private boolean ours;

    @Setup
    public void setUp() {
        parsed = BenchCall.parse(new SipParser(BenchCall.MAX_HEADERS), BenchCall.named(message));
        ours = "ours".equals(encoder);
    }

    @Benchmark
    public byte[] encode() {
        return ours ? MessageEncoder.encode(parsed, "UDP") : parsed.encodeAsBytes("UDP");
    }
}
