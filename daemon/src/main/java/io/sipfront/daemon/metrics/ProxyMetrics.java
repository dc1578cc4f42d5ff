package io.sipfront.daemon.metrics;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipfront.core.proxy.ProxyStats;
import io.sipfront.core.proxy.SipfrontProxy;
import io.sipfront.core.transport.NettyTransport;
import io.sipfront.core.transport.TransportStats;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;
import java.util.function.ToDoubleFunction;

/**
 * Meters over the counters the proxy and transport already keep: read when scraped, so the call path pays
 * nothing extra. Names are API (dashboards and alerts use them); see docs/operations.md.
 */
public final class ProxyMetrics {
    private ProxyMetrics() {
    }

    public static void bind(MeterRegistry registry, SipfrontProxy proxy, NettyTransport transport) {
        bind(registry, proxy.context().stats(), proxy::transactionCount, transport.stats(),
                transport::openConnections);
        bindAuth(registry, proxy.context().auth());
    }

    /** Carrier challenges: answered with an account's credentials, refused (wrong credentials), passed through. */
    public static void bindAuth(MeterRegistry registry, io.sipfront.core.auth.CarrierAuth auth) {
        counter(registry, "sipfront.auth.challenges", "carrier challenges", auth.answered, "outcome", "answered");
        counter(registry, "sipfront.auth.challenges", "carrier challenges", auth.rejected, "outcome",
                "credentials_refused");
        counter(registry, "sipfront.auth.challenges", "carrier challenges", auth.passedThrough, "outcome",
                "passed_through");
    }

    /**
     * @param transactions    transactions alive on all lanes
     * @param openConnections TCP connections open now
     */
    public static void bind(MeterRegistry registry, ProxyStats s, IntSupplier transactions, TransportStats t,
                            IntSupplier openConnections) {
        counter(registry, "sipfront.sip.requests.received", "SIP requests parsed and handed to the proxy",
                s.requestsReceived);
        counter(registry, "sipfront.sip.responses.received", "SIP responses parsed and handed to the proxy",
                s.responsesReceived);
        counter(registry, "sipfront.sip.parse.errors", "malformed requests answered with an error", s.parseRejected,
                "outcome", "rejected");
        counter(registry, "sipfront.sip.parse.errors", "unparseable messages dropped", s.parseDropped,
                "outcome", "dropped");
        counter(registry, "sipfront.proxy.refused", "requests refused", s.unknownSource, "reason", "unknown_source");
        counter(registry, "sipfront.proxy.refused", "requests refused", s.loopsDetected, "reason", "loop");
        counter(registry, "sipfront.proxy.refused", "requests refused", s.tooManyHops, "reason", "too_many_hops");
        counter(registry, "sipfront.proxy.retransmissions.absorbed", "retransmissions answered by a transaction",
                s.retransmissionsAbsorbed);
        counter(registry, "sipfront.proxy.failovers", "attempts after the first of a request", s.failovers);
        counter(registry, "sipfront.proxy.stray.responses", "responses without a transaction",
                s.strayResponsesForwarded, "action", "forwarded");
        counter(registry, "sipfront.proxy.stray.responses", "responses without a transaction",
                s.strayResponsesDropped, "action", "dropped");
        counter(registry, "sipfront.proxy.stray.responses", "responses without a transaction",
                s.responsesRelayedToPeer, "action", "relayed_to_peer");
        counter(registry, "sipfront.proxy.internal.errors", "messages whose handling threw", s.internalErrors);
        // Call setups by final class are sipfront_calls_total{direction,class} (CallMetrics), not counted twice here.
        // Strong references: the suppliers are method references nothing else holds, and a weakly held one reads
        // NaN after the next GC.
        Gauge.builder("sipfront.transactions", transactions, IntSupplier::getAsInt)
                .description("SIP transactions in progress on all lanes").strongReference(true).register(registry);

        transportCounter(registry, "sipfront.transport.messages.received", t, TransportStats::datagramsReceived,
                "udp");
        transportCounter(registry, "sipfront.transport.messages.received", t,
                TransportStats::streamMessagesReceived, "tcp");
        transportCounter(registry, "sipfront.transport.messages.sent", t, TransportStats::datagramsSent, "udp");
        transportCounter(registry, "sipfront.transport.messages.sent", t, TransportStats::streamMessagesSent, "tcp");
        fn(registry, "sipfront.transport.udp.oversize.dropped", t, TransportStats::oversizeDatagramsDropped);
        fn(registry, "sipfront.transport.tcp.framing.errors", t, TransportStats::framingErrors);
        fn(registry, "sipfront.transport.tcp.connections.accepted", t, TransportStats::connectionsAccepted);
        fn(registry, "sipfront.transport.tcp.connections.rejected", t, TransportStats::connectionsRejected);
        fn(registry, "sipfront.transport.tcp.connections.opened", t, TransportStats::connectionsOpened);
        fn(registry, "sipfront.transport.tcp.connect.failures", t, TransportStats::connectFailures);
        fn(registry, "sipfront.transport.tcp.connections.closed.idle", t, TransportStats::connectionsClosedIdle);
        fn(registry, "sipfront.transport.send.failures", t, TransportStats::sendFailures);
        Gauge.builder("sipfront.transport.tcp.connections", openConnections, IntSupplier::getAsInt)
                .description("open TCP connections").strongReference(true).register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, LongAdder adder,
                                String... tags) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).tags(tags).register(registry);
    }

    private static void transportCounter(MeterRegistry registry, String name, TransportStats t,
                                         ToDoubleFunction<TransportStats> f, String transport) {
        FunctionCounter.builder(name, t, f).tag("transport", transport).register(registry);
    }

    private static void fn(MeterRegistry registry, String name, TransportStats t, ToDoubleFunction<TransportStats> f) {
        FunctionCounter.builder(name, t, f).register(registry);
    }
}
