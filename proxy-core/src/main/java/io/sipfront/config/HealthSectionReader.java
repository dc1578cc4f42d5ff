package io.sipfront.config;

import io.sipfront.dispatcher.HealthSettings;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * A set's optional {@code health} section. Every destination is probed with OPTIONS by default (10 s, 3 misses,
 * 2 successes: {@link HealthSettings#PROBING}), as an operator of a carrier-facing proxy expects; the section tunes
 * that, and {@code probe: false} turns probing off (the destinations then change state only by the operator and by
 * passive health).
 */
final class HealthSectionReader {
    static final List<String> KEYS = List.of("probe", "interval_ms", "timeout_ms", "misses", "successes",
            "up_codes", "passive_error_percent", "passive_min_calls");
    static final long MIN_INTERVAL_MS = 100;
    static final long MAX_INTERVAL_MS = 3_600_000;
    static final long MIN_TIMEOUT_MS = 50;

    private HealthSectionReader() {
    }

    static HealthSettings read(Optional<ConfigNode> section) throws ConfigException {
        if (section.isEmpty()) {
            return HealthSettings.PROBING;
        }
        ConfigMap health = section.get().asMap(KEYS);
        HealthSettings d = HealthSettings.PROBING;
        boolean probe = health.optionalBoolean("probe", d.probe());
        long interval = health.optionalLong("interval_ms", d.intervalMs(), MIN_INTERVAL_MS, MAX_INTERVAL_MS);
        long timeout = health.optionalLong("timeout_ms", Math.min(d.timeoutMs(), interval), MIN_TIMEOUT_MS,
                MAX_INTERVAL_MS);
        if (timeout > interval) {
            throw health.blame("timeout_ms", "interval_ms").error("timeout_ms (" + timeout
                    + ") must be <= interval_ms (" + interval + "): a probe must end before the next one starts");
        }
        int misses = health.optionalInt("misses", d.misses(), 1, 100);
        int successes = health.optionalInt("successes", d.successes(), 1, 100);
        Set<Integer> upCodes = d.upCodes();
        Optional<ConfigNode> codes = health.optional("up_codes");
        if (codes.isPresent()) {
            upCodes = new LinkedHashSet<>();
            for (ConfigNode code : codes.get().asList()) {
                int c = code.asInt(300, 699);
                if (!upCodes.add(c)) {
                    throw code.error(c + " is listed twice");
                }
            }
        }
        int percent = health.optionalInt("passive_error_percent", d.passiveErrorPercent(), 0, 100);
        int minCalls = health.optionalInt("passive_min_calls", d.passiveMinCalls(), 1, 1_000_000);
        return new HealthSettings(probe, interval, timeout, misses, successes, upCodes, percent, minCalls);
    }
}
