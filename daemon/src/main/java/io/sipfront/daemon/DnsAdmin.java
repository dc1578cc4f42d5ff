package io.sipfront.daemon;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipfront.core.admin.AdminExtension;
import io.sipfront.core.admin.AdminReply;
import io.sipfront.core.admin.AdminRoute;
import io.sipfront.resolver.DnsStats;
import io.sipfront.resolver.DnsStats.DnsProblem;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * DNS as an operator sees it: {@code GET /api/v1/dns} (the resolver's counters and every question failing now, with
 * its reason and whether a stale answer serves) and the {@code sipfront_dns_*} meters. A DNS failure is transient and
 * never a destination's state, so it shows here rather than as a destination going down.
 */
final class DnsAdmin implements AdminExtension {
    private final DnsStats stats;

    DnsAdmin(DnsStats stats) {
        this.stats = stats;
    }

    /** Registers the meters; the counters read the resolver's own, so nothing is counted twice. */
    DnsAdmin bind(MeterRegistry meters) {
        FunctionCounter.builder("sipfront.dns.queries", stats, DnsStats::queries)
                .description("DNS questions sent to the resolvers").register(meters);
        FunctionCounter.builder("sipfront.dns.failures", stats, DnsStats::failures)
                .description("DNS questions no resolver answered").register(meters);
        FunctionCounter.builder("sipfront.dns.stale.answers", stats, DnsStats::staleAnswers)
                .description("DNS answers served past their TTL because every resolver failed (RFC 8767)")
                .register(meters);
        Gauge.builder("sipfront.dns.problems", stats, s -> s.problems().size())
                .description("DNS questions failing at every resolver now").strongReference(true).register(meters);
        return this;
    }

    @Override
    public List<AdminRoute> routes() {
        return List.of(AdminRoute.get("/api/v1/dns", r -> AdminReply.ok(body())));
    }

    Map<String, Object> body() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("queries", stats.queries());
        m.put("failures", stats.failures());
        m.put("stale_answers", stats.staleAnswers());
        m.put("problems", stats.problems().stream().map(DnsAdmin::problem).toList());
        return m;
    }

    private static Map<String, Object> problem(DnsProblem p) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", p.name());
        m.put("type", p.type());
        m.put("reason", p.reason());
        m.put("since", Instant.ofEpochMilli(p.firstFailureMillis()).toString());
        m.put("last", Instant.ofEpochMilli(p.lastFailureMillis()).toString());
        m.put("failures", p.failures());
        m.put("serving_stale", p.servingStale());
        return m;
    }
}
