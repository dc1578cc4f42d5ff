package io.sipfront.core.testing;

import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import gov.nist.javax.sip.parser.StringMsgParser;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.call.AuditObserver;
import io.sipfront.core.call.CallMetrics;
import io.sipfront.core.call.CallObserver;
import io.sipfront.core.call.CallSetup;
import io.sipfront.core.proxy.MessageProcessor;
import io.sipfront.core.proxy.ProxyContext;
import io.sipfront.core.time.TimerWheel;
import io.sipfront.core.transport.Flow;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.net.Transport;
import io.sipfront.time.FakeClock;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * The proxy core on one lane driven by the test thread: messages go in as text, what the proxy sends is captured,
 * and time moves only through {@link #advance(long)}. No sockets, no sleeps.
 */
public final class ProxyHarness {
    public final FakeClock clock = new FakeClock();
    public final CapturingSender sender = new CapturingSender();
    /** The call setups that got their final answer, in order. */
    public final List<CallSetup> calls = new ArrayList<>();
    /** The audit lines written, in order. */
    public final List<io.sipfront.core.routing.AuditEntry> audits = new ArrayList<>();
    /** The call records written (one JSON line per finished call), in order. */
    public final List<String> callRecords = new ArrayList<>();
    public final io.micrometer.core.instrument.simple.SimpleMeterRegistry meters =
            new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
    public final ProxyContext context;
    private final Lane lane;
    private final MessageProcessor processor;
    private final io.sipfront.core.proxy.SipfrontProxy proxy;

    public ProxyHarness(SipfrontConfig config) {
        this(config, io.sipfront.core.proxy.RequestRewriter.NONE);
    }

    /** With number normalization (or a test double of it) on new calls. */
    public ProxyHarness(SipfrontConfig config, io.sipfront.core.proxy.RequestRewriter rewriter) {
        this(config, rewriter, io.sipfront.core.proxy.RouteHostNames.NONE);
    }

    /** With host names in Route headers answered by {@code names} (a test double of the DNS cache). */
    public ProxyHarness(SipfrontConfig config, io.sipfront.core.proxy.RequestRewriter rewriter,
                        io.sipfront.core.proxy.RouteHostNames names) {
        CallObserver finished = new CallObserver() {
            @Override
            public void finalAnswer(CallSetup call) {
                calls.add(call);
            }
        };
        this.context = ProxyContext.of(config, sender,
                new io.sipfront.core.routing.RoutingEngine(config, clock, meters),
                List.of(new AuditObserver(audits::add), new CallMetrics(meters),
                        new io.sipfront.core.call.DestinationCallMetrics(meters, config),
                        new io.sipfront.core.call.CallRecordObserver(callRecords::add), finished))
                .withRewriter(rewriter).withHostNames(names);
        this.lane = new Lane(0, Runnable::run, () -> true, new TimerWheel(clock, 10, 512), sender, config.timers());
        this.processor = new MessageProcessor(context);
        this.proxy = new io.sipfront.core.proxy.SipfrontProxy(context,
                new io.sipfront.core.sip.SipParser(config.limits().maxHeaders()), List.of(lane));
    }

    /** The proxy's entry point, e.g. to {@code apply} a reloaded config. */
    public io.sipfront.core.proxy.SipfrontProxy proxy() {
        return proxy;
    }

    /** Feeds raw bytes through the real parser and the proxy's entry point, as the transport would. */
    public void receiveRaw(byte[] bytes, String source, Transport transport) {
        int colon = source.lastIndexOf(':');
        InetSocketAddress from = new InetSocketAddress(TestConfigs.ip(source.substring(0, colon)),
                Integer.parseInt(source.substring(colon + 1)));
        proxy.onMessage(new InboundMessage(bytes, transport, from,
                new InetSocketAddress(TestConfigs.ip("127.0.0.1"), 5060), null));
    }

    public ProxyHarness() {
        this(TestConfigs.loopback());
    }

    /** A config reload, as the daemon applies it. */
    public void apply(SipfrontConfig config) {
        proxy.apply(config);
    }

    /** Feeds one message as if it arrived over UDP from {@code source} ("ip:port"). */
    public void receive(String text, String source) {
        receive(text, source, Transport.UDP, null);
    }

    public void receive(String text, String source, Transport transport, Flow flow) {
        byte[] bytes = text.replace("\r\n", "\n").replace("\n", "\r\n").getBytes(StandardCharsets.UTF_8);
        receiveBytes(bytes, source, transport, flow);
    }

    public void receiveBytes(byte[] bytes, String source, Transport transport, Flow flow) {
        SIPMessage message = parse(bytes);
        int colon = source.lastIndexOf(':');
        InetSocketAddress from = new InetSocketAddress(TestConfigs.ip(source.substring(0, colon)),
                Integer.parseInt(source.substring(colon + 1)));
        InboundMessage in = new InboundMessage(bytes, transport, from,
                new InetSocketAddress(TestConfigs.ip("127.0.0.1"), 5060), flow);
        processor.handle(lane, message, in);
    }

    /** Moves time forward tick by tick, running due timers as a lane would. */
    public void advance(long millis) {
        for (long t = 0; t < millis; t += 10) {
            clock.advanceMillis(Math.min(10, millis - t));
            lane.timers().advance();
        }
    }

    public static SIPMessage parse(byte[] bytes) {
        try {
            return new StringMsgParser().parseSIPMessage(bytes, true, false, null);
        } catch (Exception e) {
            throw new IllegalArgumentException("test message does not parse: " + e, e);
        }
    }

    /** What was sent since the last call, parsed. */
    public List<Out> drain() {
        List<Out> out = new ArrayList<>();
        for (CapturingSender.Sent s : sender.drain()) {
            out.add(new Out(s, parse(s.bytes())));
        }
        return out;
    }

    /** The call log's attempts of the {@code i}th finished call setup: {@code carrier-a:503,carrier-b:200}. */
    public String attempts(int i) {
        return io.sipfront.core.call.CallLogObserver.attempts(calls.get(i));
    }

    /** The call log line of the {@code i}th finished call setup. */
    public String callLine(int i) {
        return io.sipfront.core.call.CallLogObserver.line(calls.get(i));
    }

    /** The harness's one lane, for components that run on lanes beside the proxy (registrations). */
    public Lane lane() {
        return lane;
    }

    /** The lane's carrier-authentication state: dialog CSeq offsets, pins. */
    public io.sipfront.core.auth.AuthLaneState laneAuth() {
        return lane.state().auth;
    }

    public int transactions() {
        return lane.state().transactions.serverCount() + lane.state().transactions.clientCount();
    }

    public int pendingTimers() {
        return lane.timers().size();
    }

    /** One message the proxy sent. */
    public record Out(CapturingSender.Sent sent, SIPMessage message) {
        public String to() {
            InetSocketAddress a = sent.target().address();
            return a.getAddress().getHostAddress() + ":" + a.getPort();
        }

        public boolean isRequest(String method) {
            return message instanceof SIPRequest r && r.getMethod().equals(method);
        }

        public int status() {
            return message instanceof SIPResponse r ? r.getStatusCode() : 0;
        }

        public SIPRequest request() {
            return (SIPRequest) message;
        }

        public SIPResponse response() {
            return (SIPResponse) message;
        }

        public String text() {
            return sent.text();
        }

        @Override
        public String toString() {
            return "-> " + to() + " " + (message instanceof SIPRequest r ? r.getMethod() : Integer.toString(status()));
        }
    }
}
