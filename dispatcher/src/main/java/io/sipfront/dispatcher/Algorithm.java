package io.sipfront.dispatcher;

import java.util.Locale;

/** How a {@link DestinationSet} orders its destinations for one call. */
public enum Algorithm {
    /** Lowest priority value first; equal priorities keep the order of the file. */
    PRIORITY("priority"),
    /** Each call starts one destination further along the list, wrapping around. */
    ROUND_ROBIN("round-robin");

    private final String configName;

    Algorithm(String configName) {
        this.configName = configName;
    }

    /** The spelling used in YAML and logs. */
    public String configName() {
        return configName;
    }

    /** Parses the YAML spelling; returns {@code null} when unknown so the caller can report where. */
    public static Algorithm fromConfigName(String name) {
        String wanted = name.toLowerCase(Locale.ROOT);
        for (Algorithm a : values()) {
            if (a.configName.equals(wanted)) {
                return a;
            }
        }
        return null;
    }
}
