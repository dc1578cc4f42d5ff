package io.sipfront.net;

import java.util.Locale;

/** The SIP transports Sipfront speaks. */
public enum Transport {
    UDP, TCP,
    /** SIP over TLS on a TCP connection (RFC 3261 §26, RFC 5630): {@code transport=tls}, Via {@code SIP/2.0/TLS}. */
    TLS;

    /** Upper case, as in a Via header ({@code SIP/2.0/UDP}). */
    public String viaName() {
        return name();
    }

    /** Lower case, as in a {@code transport=} URI parameter and in the config. */
    public String paramName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A stream transport: no retransmissions, Timer E/G not used, framing by Content-Length. */
    public boolean reliable() {
        return this != UDP;
    }

    /** Encrypted on the wire (what an SDP with SRTP keys may only be sent over). */
    public boolean secure() {
        return this == TLS;
    }

    /** Parses {@code udp}/{@code TCP}/{@code tls} in any case; {@code null} when unknown. */
    public static Transport parse(String s) {
        if (s == null) {
            return null;
        }
        switch (s.toLowerCase(Locale.ROOT)) {
            case "udp":
                return UDP;
            case "tcp":
                return TCP;
            case "tls":
                return TLS;
            default:
                return null;
        }
    }
}
