package io.sipfront.core.routing;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.sipfront.config.RoutingRule;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.config.TrunkGroup;
import io.sipfront.dispatcher.Candidate;
import io.sipfront.dispatcher.CandidateSelector;
import io.sipfront.dispatcher.DestinationHealth;
import io.sipfront.dispatcher.DestinationSet;
import io.sipfront.dispatcher.HealthListener;
import io.sipfront.dispatcher.HealthRegistry;
import io.sipfront.dispatcher.HealthState;
import io.sipfront.dispatcher.OperatorAction;
import io.sipfront.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Decides where new calls go: routing rules and trunk groups over the destination sets, filtered and ordered by
 * each destination's health. Thread-safe; a reload swaps the table in one write, so a call is routed by one
 * version of the config, and health learnt about destinations that still exist is kept.
 */
public final class RoutingEngine {
    private static final Logger log = LoggerFactory.getLogger(RoutingEngine.class);
    public static final String DEFAULT_RULE = "default";

    private final HealthRegistry registry;
    private final RoutingMetrics metrics;
    private final Clock clock;
    private volatile RoutingTable table;
    private volatile ProbeTrigger prober = ProbeTrigger.NONE;
    /** Besides the log: e.g. shared state, which publishes changes to the peer. */
    private final List<HealthListener> healthListeners = new CopyOnWriteArrayList<>();
    private final List<OperatorListener> operatorListeners = new CopyOnWriteArrayList<>();

    /** Told about an operator action taken on this node through the API (not about ones learnt from a peer). */
    @FunctionalInterface
    public interface OperatorListener {
        void acted(DestinationHealth health, OperatorAction action);
    }

    public RoutingEngine(SipfrontConfig config, Clock clock, MeterRegistry meters) {
        this.clock = clock;
        this.metrics = new RoutingMetrics(meters);
        this.registry = new HealthRegistry(clock, listeners());
        apply(config);
    }

    /** No meters kept: for tests and tools. */
    public static RoutingEngine withoutMetrics(SipfrontConfig config, Clock clock) {
        return new RoutingEngine(config, clock, new CompositeMeterRegistry());
    }

    private HealthListener listeners() {
        return new HealthListener() {
            @Override
            public void changed(DestinationHealth h, HealthState from, HealthState to, String why) {
                log.warn("destination {}/{} {} -> {}: {}", h.set(), h.destination().id(), from.apiName(),
                        to.apiName(), why);
                healthListeners.forEach(l -> l.changed(h, from, to, why));
            }

            @Override
            public void suspected(DestinationHealth h) {
                healthListeners.forEach(l -> l.suspected(h));
            }
        };
    }

    /** Also tell {@code listener} about every state change (under the destination's lock: it must be quick). */
    public void addHealthListener(HealthListener listener) {
        healthListeners.add(listener);
    }

    public void addOperatorListener(OperatorListener listener) {
        operatorListeners.add(listener);
    }

    /** An operator's disable, drain or enable through this node's API: applied here, then told to the listeners. */
    public void operatorAction(DestinationHealth health, OperatorAction action) {
        action.applyTo(health);
        operatorListeners.forEach(l -> l.acted(health, action));
    }

    /** New calls use {@code config}'s sets and rules from now on; calls in progress are untouched. */
    public synchronized void apply(SipfrontConfig config) {
        RoutingTable next = RoutingTable.of(config);
        List<DestinationHealth> removed = registry.reconcile(next.sets().values());
        metrics.sync(registry.all(), removed);
        table = next;
        prober.sync();
    }

    public void attachProber(ProbeTrigger trigger) {
        this.prober = trigger;
        trigger.sync();
    }

    public RoutingTable table() {
        return table;
    }

    public HealthRegistry registry() {
        return registry;
    }

    public RoutingMetrics metrics() {
        return metrics;
    }

    public Clock clock() {
        return clock;
    }

    /** A live call just timed out or got 503 at {@code health}: probe it now rather than at the next tick. */
    public void suspect(DestinationHealth health) {
        prober.probeNow(health);
    }

    /**
     * The candidates for one new call: the first rule that matches and has a destination available wins; then the
     * direction's default set.
     */
    public RoutingDecision route(CallFacts call) {
        RoutingTable t = table;
        List<RoutingDecision.DestinationView> considered = new ArrayList<>();
        for (RoutingRule rule : t.routing().rules()) {
            if (!matches(rule, call)) {
                continue;
            }
            TrunkGroup group = t.routing().trunkGroup(rule.trunkGroup());
            List<Candidate> candidates = new ArrayList<>();
            for (String setName : group.sets()) {
                candidates.addAll(select(t.sets().get(setName), call, considered));
            }
            if (!candidates.isEmpty()) {
                return new RoutingDecision(rule.name(), candidates, considered, t.routing().retryAfterSeconds(),
                        group.name());
            }
        }
        String setName = call.fromCarrier() ? t.routing().inboundSet() : t.routing().outboundSet();
        List<Candidate> candidates = select(t.sets().get(setName), call, considered);
        return new RoutingDecision(DEFAULT_RULE, candidates, considered, t.routing().retryAfterSeconds(), null);
    }

    private List<Candidate> select(DestinationSet set, CallFacts call, List<RoutingDecision.DestinationView> seen) {
        for (var d : set.destinations()) {
            DestinationHealth h = registry.get(set.name(), d.id());
            if (h != null) {
                seen.add(new RoutingDecision.DestinationView(set.name(), d.id(), h.state().apiName(), h.suspect(),
                        h.callsInProgress()));
            }
        }
        String key = set.policy().hashHeader() == null ? call.callId() : call.header(set.policy().hashHeader());
        return CandidateSelector.select(set, registry, key == null ? "" : key);
    }

    static boolean matches(RoutingRule rule, CallFacts call) {
        if (rule.source() != null) {
            boolean ok = switch (rule.source()) {
                case "platform" -> !call.fromCarrier();
                case "carrier" -> call.fromCarrier();
                default -> call.fromCarrier() && rule.source().equals(call.source());
            };
            if (!ok) {
                return false;
            }
        }
        if (rule.number() != null && !rule.number().matcher(call.number()).matches()) {
            return false;
        }
        if (rule.headerName() != null) {
            String value = call.header(rule.headerName());
            return value != null && rule.headerValue().matcher(value).matches();
        }
        return true;
    }
}
