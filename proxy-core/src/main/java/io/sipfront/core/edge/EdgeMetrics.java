package io.sipfront.core.edge;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.concurrent.atomic.LongAdder;

/**
 * Meters over the edge's counters, read when scraped: {@code sipfront_edge_bans_total},
 * {@code sipfront_edge_unbans_total}, {@code sipfront_edge_dropped_total{reason}},
 * {@code sipfront_edge_forbidden_total{action}}, {@code sipfront_edge_rejected_total{reason}},
 * {@code sipfront_edge_banned_sources}, {@code sipfront_edge_tracked_sources}, {@code sipfront_edge_table_capacity},
 * {@code sipfront_edge_calls_in_progress{kind,name}} (docs/operations.md).
 */
public final class EdgeMetrics {
    private EdgeMetrics() {
    }

    public static void bind(MeterRegistry registry, EdgeProtection edge) {
        EdgeStats s = edge.stats();
        counter(registry, "sipfront.edge.bans", "sources banned", s.bans);
        counter(registry, "sipfront.edge.unbans", "bans ended (expired or lifted)", s.unbans);
        counter(registry, "sipfront.edge.dropped", "requests dropped unanswered", s.droppedBanned, "reason", "banned");
        counter(registry, "sipfront.edge.dropped", "requests dropped unanswered", s.droppedScanner, "reason",
                "scanner");
        counter(registry, "sipfront.edge.forbidden", "403s to unknown sources", s.forbiddenSent, "action", "sent");
        counter(registry, "sipfront.edge.forbidden", "403s to unknown sources", s.forbiddenSuppressed, "action",
                "suppressed");
        counter(registry, "sipfront.edge.rejected", "requests answered 503 by a limit", s.carrierFlood503, "reason",
                "carrier_max_requests");
        counter(registry, "sipfront.edge.rejected", "requests answered 503 by a limit", s.callsRefusedByLimit,
                "reason", "inbound_call_limit");
        counter(registry, "sipfront.edge.contacts.fixed", "Contact headers rewritten for NAT", s.contactsFixed);
        SourceTable table = edge.guard().table();
        Gauge.builder("sipfront.edge.banned.sources", edge, e -> e.guard().bans().size())
                .description("sources banned now").strongReference(true).register(registry);
        Gauge.builder("sipfront.edge.tracked.sources", table, SourceTable::size)
                .description("sources in the flood table").strongReference(true).register(registry);
        Gauge.builder("sipfront.edge.table.capacity", table, SourceTable::capacity)
                .description("most sources the flood table holds").strongReference(true).register(registry);
        Gauge.builder("sipfront.edge.table.evictions", table, SourceTable::evictions)
                .description("sources evicted from the flood table to make room").strongReference(true)
                .register(registry);
    }

    private static void counter(MeterRegistry registry, String name, String description, LongAdder adder,
                                String... tags) {
        FunctionCounter.builder(name, adder, LongAdder::sum).description(description).tags(tags).register(registry);
    }
}
