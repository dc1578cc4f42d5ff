package io.sipfront.core.proxy;

import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.config.ListenAddress;
import io.sipfront.config.SipSettings;
import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.core.sip.MessageEncoder;
import io.sipfront.core.sip.SipParser;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.dispatcher.Destination;
import io.sipfront.microbench.BenchCall;
import io.sipfront.net.Transport;
import java.net.InetSocketAddress;
import java.text.ParseException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import javax.sip.header.RouteHeader;
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
 * What Sipfront does to the bench's messages that it sends on, from the datagram's bytes to the bytes it sends, with
 * no socket, lane, transaction, routing or meter: the steps of {@code InitialRequests}/{@code InDialogRequests} and
 * {@link Attempt#build} (the request's copy, our Via and Record-Route, the encoding), and of a response's relay.
 *
 * <p>In the proxy's package because {@link Attempt} and its plan are package-private: this measures the real stamping
 * without a public entry point in the daemon for benchmarks only.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseZGC", "-XX:-ZProactive"}) // the daemon's (bin/sipfront)
public class ForwardBench {
    private static final InetSocketAddress PLATFORM = new InetSocketAddress("127.0.0.10", 5060);
    private static final InetSocketAddress CARRIER = new InetSocketAddress("127.0.0.20", 5060);
    private static final InetSocketAddress SIPFRONT = new InetSocketAddress("127.0.0.1", 5060);

    private final SipParser parser = new SipParser(BenchCall.MAX_HEADERS);
    /** The loopback topology's Sipfront: UDP+TCP 127.0.0.1:5060, as in the bench's config. */
    private final LocalIdentity identity = new LocalIdentity(new SipSettings(List.of(
            new ListenAddress(Transport.UDP, SIPFRONT.getAddress(), 5060),
            new ListenAddress(Transport.TCP, SIPFRONT.getAddress(), 5060)), "127.0.0.1", 5060, 2, 1 << 20));
    /** The bench's first carrier, of two: the first attempt works on a copy of the request as received. */
    private final Hop carrierA = Hop.to(new Destination("carrier-a", "sip:127.0.0.20:5060", CARRIER, Transport.UDP,
            1, 1, 0, 0, Optional.of("carrier-a")));
    /** The platform's datagrams as the UDP transport hands them over (only the source address is read here). */
    private final InboundMessage fromPlatform = new InboundMessage(BenchCall.INVITE, Transport.UDP, PLATFORM, SIPFRONT,
            null);
    /** Like a lane's branch suffixes: a per-process prefix and a counter. */
    private final Supplier<String> fresh = new Supplier<>() {
        private long sequence;

        @Override
        public String get() {
            return "bench0" + Long.toString(++sequence, 36);
        }
    };

    /** The INVITE to the first carrier: parse, the request as received (Route, Max-Forwards), the attempt's request. */
    @Benchmark
    public byte[] invite() throws ParseException {
        SIPRequest request = (SIPRequest) BenchCall.parse(parser, BenchCall.INVITE);
        NextHops.stampReceived(request.getTopmostVia(), fromPlatform);
        SIPRequest asReceived = (SIPRequest) request.clone();
        RouteProcessing.popOwnRoutes(asReceived, identity);
        asReceived.removeHeader(RouteHeader.NAME);
        Messages.decrementMaxForwards(asReceived);
        ForwardingPlan plan = new ForwardingPlan(identity, Transport.UDP, true, null, Forwarding.firstUnique(request),
                RequestRewriter.NONE);
        return ready(Attempt.build(asReceived, false, carrierA, plan.branch(1, fresh), plan)).bytes();
    }

    /** The 100 Trying Sipfront answers every INVITE with, from the parsed INVITE. */
    @Benchmark
    public byte[] trying() {
        return LocalResponses.build((SIPRequest) BenchCall.parse(parser, BenchCall.INVITE), 100, "Trying");
    }

    /**
     * The BYE along its Route: parse, our Route popped, the next hop from the Request-URI, the attempt's request
     * (the only attempt, so stamped in place).
     */
    @Benchmark
    public byte[] bye() throws ParseException {
        SIPRequest request = (SIPRequest) BenchCall.parse(parser, BenchCall.BYE);
        NextHops.stampReceived(request.getTopmostVia(), fromPlatform);
        SIPRequest asReceived = (SIPRequest) request.clone();
        if (!RouteProcessing.popOwnRoutes(asReceived, identity)) {
            throw new IllegalStateException("the BYE's Route does not name Sipfront");
        }
        OutboundTarget target = NextHops.forUri(RouteProcessing.nextHopUri(asReceived), RouteHostNames.NONE);
        Messages.decrementMaxForwards(asReceived);
        ForwardingPlan plan = new ForwardingPlan(identity, Transport.UDP, false, null, Forwarding.firstUnique(request),
                RequestRewriter.NONE);
        return ready(Attempt.build(asReceived, true, Hop.inDialog(target), plan.branch(1, fresh), plan)).bytes();
    }

    /** A carrier's response relayed to the platform: parse, our Via checked and removed, the rest encoded. */
    @Benchmark
    public byte[] relay(Response response) {
        SIPResponse parsed = (SIPResponse) BenchCall.parse(parser, response.bytes);
        Via top = parsed.getTopmostVia();
        if (!identity.isLocal(top.getHost(), top.getPort())) {
            throw new IllegalStateException("the response's top Via is not Sipfront's: " + top);
        }
        parsed.getViaHeaders().removeFirst();
        return MessageEncoder.encode(parsed, parsed.getTopmostVia().getTransport());
    }

    /** Which of the carrier's responses {@link #relay} relays; only that benchmark is run once per value. */
    @State(Scope.Benchmark)
    public static class Response {
        @Param({"180", "200", "200-BYE"})
        public String status;

        byte[] bytes;

        @Setup
        public void setUp() {
            bytes = BenchCall.named(status);
        }
    }

    private static Attempt.Ready ready(Attempt.Outcome outcome) {
        if (outcome instanceof Attempt.Ready ready) {
            return ready;
        }
        throw new IllegalStateException("the attempt sends nothing: " + outcome);
    }
}
