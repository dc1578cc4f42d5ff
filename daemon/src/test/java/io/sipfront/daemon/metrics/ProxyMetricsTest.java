package io.sipfront.daemon.metrics;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.sipfront.core.proxy.ProxyStats;
import io.sipfront.core.transport.TransportStats;
import org.junit.jupiter.api.Test;

/** The names dashboards rely on, read live from the proxy's counters at scrape time. */
class ProxyMetricsTest {
    @Test
    void countersAndGaugesAppearInThePrometheusText() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        ProxyStats stats = new ProxyStats();
        int[] transactions = {0};
        ProxyMetrics.bind(registry, stats, () -> transactions[0], new TransportStats(), () -> 3);
        try (JvmMetrics jvm = new JvmMetrics(registry)) {
            stats.requestsReceived.add(5);
            stats.parseRejected.increment();
            stats.parseDropped.add(2);
            stats.unknownSource.increment();
            transactions[0] = 7;
            String text = registry.scrape();
            for (String line : new String[] {
                    "sipfront_sip_requests_received_total 5.0",
                    "sipfront_sip_parse_errors_total{outcome=\"rejected\"} 1.0",
                    "sipfront_sip_parse_errors_total{outcome=\"dropped\"} 2.0",
                    "sipfront_proxy_refused_total{reason=\"unknown_source\"} 1.0",
                    "sipfront_transactions 7.0",
                    "sipfront_transport_tcp_connections 3.0",
                    "sipfront_transport_messages_received_total{transport=\"udp\"} 0.0"}) {
                assertTrue(text.contains(line), () -> "missing '" + line + "' in\n" + text);
            }
            for (String jvmMeter : new String[] {"jvm_memory_used_bytes", "jvm_threads_live_threads",
                    "process_cpu_usage", "jvm_gc_", "process_uptime_seconds"}) {
                assertTrue(text.contains(jvmMeter), () -> "missing " + jvmMeter);
            }
        }
    }

    /** The gauges' suppliers are objects only the registry holds: they must survive a GC and read numbers. */
    @Test
    void gaugesStillReadNumbersAfterAGc() {
        PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
        int[] transactions = {7};
        ProxyMetrics.bind(registry, new ProxyStats(), () -> transactions[0], new TransportStats(), () -> 3);
        System.gc(); // a full collection clears weakly held suppliers
        System.gc();
        String text = registry.scrape();
        assertTrue(text.contains("sipfront_transactions 7.0"), text);
        assertTrue(text.contains("sipfront_transport_tcp_connections 3.0"), text);
        assertTrue(text.lines().noneMatch(l -> l.endsWith(" NaN")), text);
    }
}
