package io.sipfront.resolver;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.xbill.DNS.Name;
import org.xbill.DNS.Type;

/**
 * The resolver's counters (for metrics: register them as function counters) and the names failing right now
 * (for the API). Also where DNS trouble is logged: once when a name starts failing, once when its stale answer
 * first serves, once when it recovers, so an outage does not flood the log.
 */
public final class DnsStats {
    private static final Logger LOG = LoggerFactory.getLogger(DnsStats.class);

    /**
     * A question that failed at every resolver and has not been answered since.
     *
     * @param firstFailureMillis when this run of failures began (milliseconds since the epoch)
     * @param servingStale       its last answer is being served past its TTL
     */
    public record DnsProblem(String name, String type, String reason, long firstFailureMillis,
                             long lastFailureMillis, long failures, boolean servingStale) {
    }

    private final LongAdder queries = new LongAdder();
    private final LongAdder failures = new LongAdder();
    private final LongAdder staleAnswers = new LongAdder();
    private final Map<String, DnsProblem> problems = new ConcurrentHashMap<>();
    private final DnsClock clock;
    private final DnsEventListener listener;
    /** Wall-clock time at {@link #startNanos}: problem times are reported on the wall clock, measured on ours. */
    private final long startMillis = System.currentTimeMillis();
    private final long startNanos;

    DnsStats(DnsClock clock, DnsEventListener listener) {
        this.clock = clock;
        this.listener = listener;
        this.startNanos = clock.nanoTime();
    }

    /** Questions sent to the resolvers (failover between resolvers within one question not counted). */
    public long queries() {
        return queries.sum();
    }

    /** Questions that no resolver answered. */
    public long failures() {
        return failures.sum();
    }

    /** Answers handed out past their TTL (RFC 8767 serve-stale). */
    public long staleAnswers() {
        return staleAnswers.sum();
    }

    /** The questions failing now, by name. */
    public List<DnsProblem> problems() {
        return problems.values().stream()
                .sorted(Comparator.comparing(DnsProblem::name).thenComparing(DnsProblem::type))
                .toList();
    }

    void querySent() {
        queries.increment();
    }

    void failed(Name name, int type, String reason) {
        failures.increment();
        long now = startMillis + TimeUnit.NANOSECONDS.toMillis(clock.nanoTime() - startNanos);
        String n = name.toString(true);
        String t = Type.string(type);
        DnsProblem p = problems.merge(key(name, type), new DnsProblem(n, t, reason, now, now, 1, false),
                (old, fresh) -> new DnsProblem(n, t, reason, old.firstFailureMillis(), now, old.failures() + 1,
                        old.servingStale()));
        if (p.failures() == 1) {
            LOG.warn("dns: {}/{} failed at every resolver: {}", n, t, reason);
        }
        listener.queryFailed(n, t, reason);
    }

    void answered(Name name, int type) {
        DnsProblem p = problems.remove(key(name, type));
        if (p != null) {
            LOG.info("dns: {}/{} answered again after {} failed queries", p.name(), p.type(), p.failures());
        }
    }

    void staleServed(Name name, int type, long secondsPastTtl) {
        staleAnswers.increment();
        DnsProblem p = problems.get(key(name, type));
        if (p != null && !p.servingStale()) {
            DnsProblem marked = new DnsProblem(p.name(), p.type(), p.reason(), p.firstFailureMillis(),
                    p.lastFailureMillis(), p.failures(), true);
            if (problems.replace(key(name, type), p, marked)) {
                LOG.warn("dns: serving the last answer for {}/{} past its TTL ({} s over) while resolvers fail",
                        p.name(), p.type(), secondsPastTtl);
            }
        }
    }

    private static String key(Name name, int type) {
        return name.toString(true).toLowerCase(Locale.ROOT) + "/" + Type.string(type);
    }
}
