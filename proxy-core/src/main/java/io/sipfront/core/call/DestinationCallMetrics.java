package io.sipfront.core.call;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.sipfront.config.CarrierSettings;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.dispatcher.Destination;
import io.sipfront.dispatcher.DestinationSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Call meters per destination (labels {@code set}, {@code id}, {@code carrier}) and per source, for the dashboard
 * and the alert rules (docs/operations.md, "Metrics"):
 * <ul>
 *   <li>{@code sipfront_destination_attempts_total}: INVITEs sent there;</li>
 *   <li>{@code sipfront_destination_answers_total{class}}: their final answers by class ({@code 2xx}…{@code 6xx});
 *       the answer-seizure ratio is {@code answers{class="2xx"} / attempts};</li>
 *   <li>{@code sipfront_destination_failovers_total{reason}}: calls that moved on to the next destination, by why
 *       ({@code timeout}, {@code transport_error}, {@code 408}, {@code 503}, {@code 5xx}, {@code numbering},
 *       {@code internal_error});</li>
 *   <li>{@code sipfront_destination_pdd_seconds}: post-dial delay, INVITE received to first 18x (or the 2xx);</li>
 *   <li>{@code sipfront_source_calls_total{source}}: new calls by the source that sent them ({@code platform} or a
 *       carrier's name).</li>
 * </ul>
 * Labels come only from the config (destinations and sources), so their number is bounded; every meter is
 * registered when this is built, reading 0 until something happens. Destinations added by a reload get theirs on
 * first use.
 */
public final class DestinationCallMetrics implements CallObserver {
    /** The failover reasons, a closed set. */
    public static final List<String> FAILOVER_REASONS = List.of("timeout", "transport_error", "408", "503", "5xx",
            "numbering", "internal_error");
    /** Post-dial delay buckets: ringing within a few seconds is normal, past 10 s callers hang up. */
    static final Duration[] PDD_BUCKETS = {Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(3), Duration.ofSeconds(5),
            Duration.ofSeconds(8), Duration.ofSeconds(13), Duration.ofSeconds(20), Duration.ofSeconds(30)};
    private static final String NO_CARRIER = "none";

    private final MeterRegistry registry;
    private final Map<String, Meters> byDestination = new ConcurrentHashMap<>();
    private final Map<String, Counter> bySource = new ConcurrentHashMap<>();

    /** The meters of one destination. */
    private static final class Meters {
        final Counter attempts;
        final Counter[] answers = new Counter[7];
        final Map<String, Counter> failovers = new ConcurrentHashMap<>();
        final Timer pdd;

        Meters(MeterRegistry r, String set, String id, String carrier) {
            attempts = Counter.builder("sipfront.destination.attempts").description("INVITEs sent to the destination")
                    .tag("set", set).tag("id", id).tag("carrier", carrier).register(r);
            for (int c = 2; c <= 6; c++) {
                answers[c] = Counter.builder("sipfront.destination.answers")
                        .description("final answers of the destination by class").tag("set", set).tag("id", id)
                        .tag("carrier", carrier).tag("class", c + "xx").register(r);
            }
            for (String reason : FAILOVER_REASONS) {
                failovers.put(reason, Counter.builder("sipfront.destination.failovers")
                        .description("calls that left the destination for the next one, by reason")
                        .tag("set", set).tag("id", id).tag("carrier", carrier).tag("reason", reason).register(r));
            }
            pdd = Timer.builder("sipfront.destination.pdd")
                    .description("post-dial delay: INVITE received to the first 18x or the 2xx")
                    .tag("set", set).tag("id", id).tag("carrier", carrier).serviceLevelObjectives(PDD_BUCKETS)
                    .register(r);
        }
    }

    public DestinationCallMetrics(MeterRegistry registry, SipfrontConfig config) {
        this.registry = registry;
        for (DestinationSet set : config.destinationSets().values()) {
            for (Destination d : set.destinations()) {
                meters(set.name(), d.id(), d.carrier().orElse(NO_CARRIER));
            }
        }
        source("platform");
        for (CarrierSettings c : config.sources().carriers()) {
            source(c.name());
        }
    }

    @Override
    public void attemptStarted(CallSetup call, int number) {
        if (number == 1) {
            return;
        }
        // Attempt n > 1: the call moves on from whatever the previous attempt was (limits are not attempts).
        List<AttemptRecord> attempts = call.attempts();
        for (int i = attempts.size() - 1; i >= 0; i--) {
            AttemptRecord a = attempts.get(i);
            if (a.kind() != AttemptRecord.Kind.SKIPPED_FOR_LIMIT) {
                Meters m = meters(call, a.set(), a.id());
                if (m != null) {
                    m.failovers.get(failoverReason(a)).increment();
                }
                return;
            }
        }
    }

    @Override
    public void attemptEnded(CallSetup call, AttemptRecord attempt) {
        if (attempt.kind() != AttemptRecord.Kind.SENT) {
            return;
        }
        Meters m = meters(call, attempt.set(), attempt.id());
        if (m == null || "internal-error".equals(attempt.result())) {
            return; // never went out
        }
        m.attempts.increment();
        int status = status(attempt.result());
        if (status >= 200 && status < 700) {
            m.answers[status / 100].increment();
        }
    }

    @Override
    public void provisional(CallSetup call, int status) {
        Meters m = meters(call, call.ringingSet(), call.ringingId());
        if (m != null) {
            m.pdd.record(call.postDialDelayNanos(), TimeUnit.NANOSECONDS);
        }
    }

    @Override
    public void finalAnswer(CallSetup call) {
        Counter source = bySource.get(call.sourceName());
        if (source != null) {
            source.increment();
        }
        AttemptRecord answered = call.answeredBy();
        if (answered != null && call.ringingId() == null) {
            Meters m = meters(call, answered.set(), answered.id());
            if (m != null) {
                m.pdd.record(call.postDialDelayNanos(), TimeUnit.NANOSECONDS);
            }
        }
    }

    static String failoverReason(AttemptRecord a) {
        if (a.kind() == AttemptRecord.Kind.REFUSED_BY_NUMBERING) {
            return "numbering";
        }
        return switch (a.result()) {
            case "timeout" -> "timeout";
            case "transport-error" -> "transport_error";
            case "internal-error" -> "internal_error";
            case "408" -> "408";
            case "503" -> "503";
            default -> "5xx";
        };
    }

    private static int status(String result) {
        try {
            return Integer.parseInt(result);
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    /** The meters of destination {@code id} of {@code set} (null when the call never reached routing). */
    private Meters meters(CallSetup call, String set, String id) {
        if (set == null || id == null) {
            return null;
        }
        Meters m = byDestination.get(set + '\u0000' + id);
        if (m != null) {
            return m;
        }
        String carrier = call.carrierOf(set, id);
        return meters(set, id, carrier == null ? NO_CARRIER : carrier);
    }

    private Meters meters(String set, String id, String carrier) {
        return byDestination.computeIfAbsent(set + '\u0000' + id, k -> new Meters(registry, set, id, carrier));
    }

    private void source(String name) {
        bySource.computeIfAbsent(name, n -> Counter.builder("sipfront.source.calls")
                .description("new calls (INVITEs) by the source that sent them: a carrier's are inbound, the "
                        + "platform's outbound").tag("source", n).register(registry));
    }
}
