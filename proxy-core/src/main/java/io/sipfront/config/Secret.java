package io.sipfront.config;

import java.util.Arrays;

/**
 * A password read from a file or the environment. It never prints: {@link #toString} is a placeholder, so a config
 * dump, a log line or an exception message that names an account cannot carry it. Only digest computation reads
 * {@link #chars}.
 */
public final class Secret {
    private final char[] value;
    /** Where it came from, for messages: "file secrets/carrier-a.password" or "environment CARRIER_A_PASSWORD". */
    private final String origin;

    public Secret(char[] value, String origin) {
        this.value = value.clone();
        this.origin = origin;
    }

    /** A copy the caller should clear after use. */
    public char[] chars() {
        return value.clone();
    }

    public String origin() {
        return origin;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Secret s && Arrays.equals(value, s.value) && origin.equals(s.origin);
    }

    @Override
    public int hashCode() {
        return origin.hashCode();
    }

    @Override
    public String toString() {
        return "(secret from " + origin + ")";
    }
}
