package io.sipfront.dispatcher;

import java.util.Locale;

/** How a {@link DestinationSet} orders its destinations for one call. */
public enum Algorithm {
    /** Lowest priority value first; equal priorities keep the order of the file. */
    PRIORITY("priority"),
    /** Each call starts one destination further along the list, wrapping around. */
    ROUND_ROBIN("round-robin"),
    /** Each destination is first for a share of calls proportional to its weight. */
    WEIGHTED("weighted"),
    /** The same key (Call-ID, or a header named by the set) always starts at the same destination. */
    HASH("hash"),
    /** The destination with the lowest share of its {@code max_calls} in use first. */
    LEAST_LOAD("least-load"),
    /** As DNS SRV: lowest priority value first, and by weight among equal priorities. */
    SRV("srv");

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
