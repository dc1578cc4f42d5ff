package io.sipfront.net;

import java.util.Locale;

/** The SIP transports Sipfront speaks. */
public enum Transport {
    UDP, TCP;

    /** Upper case, as in a Via header ({@code SIP/2.0/UDP}). */
    public String viaName() {
        return name();
    }

    /** Lower case, as in a {@code transport=} URI parameter and in the config. */
    public String paramName() {
        return name().toLowerCase(Locale.ROOT);
    }

    public boolean reliable() {
        return this == TCP;
    }

    /** Parses {@code udp}/{@code TCP} in any case; {@code null} when unknown. */
    public static Transport parse(String s) {
        if (s == null) {
            return null;
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "udp":
                return UDP;
            case "tcp":
                return TCP;
            default:
                return null;
        }
    }
}
