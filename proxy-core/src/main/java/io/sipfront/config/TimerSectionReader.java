package io.sipfront.config;

import java.util.List;
import java.util.Optional;

/** The optional {@code timers} section; whatever is left out keeps {@link TimerSettings#DEFAULTS}. */
final class TimerSectionReader {
    static final List<String> KEYS = List.of("t1_ms", "t2_ms", "t4_ms", "timer_c_ms", "first_response_ms");
    /** No upper bound comes from the RFC; one day catches a typed extra zero or two without limiting anyone. */
    static final long MAX_MS = 86_400_000;
    static final long MAX_T1_MS = 60_000;
    static final long MIN_TIMER_C_MS = 1_000;
    static final long MIN_FIRST_RESPONSE_MS = 100;
    /** Timer B: a client INVITE transaction gives up after 64*T1, so waiting longer for a first answer is moot. */
    static final int TIMER_B_FACTOR = 64;

    private TimerSectionReader() {
    }

    static TimerSettings read(Optional<ConfigNode> section) throws ConfigException {
        if (section.isEmpty()) {
            return TimerSettings.DEFAULTS;
        }
        ConfigMap timers = section.get().asMap(KEYS);
        TimerSettings d = TimerSettings.DEFAULTS;
        long t1 = timers.optionalLong("t1_ms", d.t1Ms(), 1, MAX_T1_MS);
        long t2 = timers.optionalLong("t2_ms", d.t2Ms(), 1, MAX_MS);
        long t4 = timers.optionalLong("t4_ms", d.t4Ms(), 1, MAX_MS);
        long timerC = timers.optionalLong("timer_c_ms", d.timerCMs(), MIN_TIMER_C_MS, MAX_MS);
        long firstResponse = timers.optionalLong("first_response_ms", d.firstResponseMs(), MIN_FIRST_RESPONSE_MS,
                MAX_MS);

        if (t2 < t1) {
            throw timers.blame("t2_ms", "t1_ms").error("t2_ms (" + value(timers, "t2_ms", t2)
                    + ") must be >= t1_ms (" + value(timers, "t1_ms", t1) + ")");
        }
        long timerB = TIMER_B_FACTOR * t1;
        if (firstResponse > timerB) {
            throw timers.blame("first_response_ms", "t1_ms").error("first_response_ms ("
                    + value(timers, "first_response_ms", firstResponse) + ") must be <= 64*t1_ms (" + timerB
                    + ", timer B): a destination silent for that long has timed out anyway");
        }
        if (timerC <= firstResponse) {
            throw timers.blame("timer_c_ms", "first_response_ms").error("timer_c_ms ("
                    + value(timers, "timer_c_ms", timerC) + ") must be > first_response_ms ("
                    + value(timers, "first_response_ms", firstResponse) + ")");
        }
        return new TimerSettings(t1, t2, t4, timerC, firstResponse);
    }

    /** Says "the default" next to a value nobody wrote, so a conflict with it is understandable. */
    private static String value(ConfigMap timers, String key, long value) {
        return timers.has(key) ? Long.toString(value) : value + ", the default";
    }
}
