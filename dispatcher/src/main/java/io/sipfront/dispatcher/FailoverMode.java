package io.sipfront.dispatcher;

import java.util.Locale;

/** Which health states a set still sends new calls to, as carriers' SLAs differ. */
public enum FailoverMode {
    /** Any failure moves traffic: only active destinations (not suspect) take new calls. */
    IMMEDIATE,
    /** Degraded or suspect destinations are used only after every active one. */
    DEGRADED,
    /** Only inactive destinations are skipped; degraded ones keep their place. */
    OUTAGE;

    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Returns {@code null} when unknown so the caller can report where. */
    public static FailoverMode fromConfigName(String name) {
        for (FailoverMode m : values()) {
            if (m.configName().equals(name.toLowerCase(Locale.ROOT))) {
                return m;
            }
        }
        return null;
    }
}
