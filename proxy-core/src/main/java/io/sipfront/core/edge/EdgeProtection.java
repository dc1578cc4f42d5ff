package io.sipfront.core.edge;

import io.sipfront.config.AddressMatch;
import io.sipfront.config.EdgeSection;
import io.sipfront.config.EdgeSettings;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.time.Clock;
import java.net.InetSocketAddress;

/**
 * Everything the {@code edge} section turns on, as the call path uses it: the pre-parse {@link EdgeGuard}, the budget
 * of 403s to strangers, the {@link InboundLimits} of new calls and the sources whose Contact is fixed for NAT.
 * Thread-safe; follows reloads through {@link #apply}.
 */
public final class EdgeProtection {
    private record State(EdgeSettings settings, RateBucket forbidden) {
    }

    private final Clock clock;
    private final EdgeStats stats = new EdgeStats();
    private final EdgeGuard guard;
    private final InboundLimits limits;
    private volatile State state;

    public EdgeProtection(SipfrontConfig config, Clock clock) {
        this.clock = clock;
        EdgeSettings settings = config.section(EdgeSection.SECTION);
        this.guard = new EdgeGuard(clock, settings, config.sources(), config.limits().maxHeaders(), stats);
        this.limits = new InboundLimits(clock, settings);
        this.state = state(settings, null);
    }

    /** A reload: new thresholds, lists and limits; bans, counts and calls in progress are kept. */
    public void apply(SipfrontConfig config) {
        EdgeSettings settings = config.section(EdgeSection.SECTION);
        guard.apply(settings, config.sources());
        limits.apply(settings);
        state = state(settings, state);
    }

    private State state(EdgeSettings settings, State previous) {
        RateBucket forbidden = null;
        if (settings.enabled()) {
            boolean same = previous != null && previous.forbidden() != null
                    && previous.settings().forbiddenPerSecond() == settings.forbiddenPerSecond();
            forbidden = same ? previous.forbidden()
                    : new RateBucket(clock, settings.forbiddenPerSecond(), settings.forbiddenPerSecond());
        }
        return new State(settings, forbidden);
    }

    public EdgeGuard guard() {
        return guard;
    }

    public InboundLimits limits() {
        return limits;
    }

    public EdgeStats stats() {
        return stats;
    }

    public EdgeSettings settings() {
        return state.settings();
    }

    /** Whether one more 403 to an unknown source fits the budget (so Sipfront never amplifies a flood). */
    public boolean mayForbid() {
        RateBucket bucket = state.forbidden();
        if (bucket == null || bucket.tryTake()) {
            stats.forbiddenSent.increment();
            return true;
        }
        stats.forbiddenSuppressed.increment();
        return false;
    }

    /** The Retry-After of a 503 for a limit. */
    public int retryAfterSeconds() {
        return state.settings().retryAfterSeconds();
    }

    /** Whether {@code source} is behind NAT: its Contact gets the address its messages come from. */
    public boolean fixesContactOf(InetSocketAddress source) {
        for (AddressMatch m : state.settings().fixNatedContact()) {
            if (m.matches(source)) {
                return true;
            }
        }
        return false;
    }
}
