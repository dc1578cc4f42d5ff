package io.sipfront.core.tls;

import java.util.Locale;

/** The TLS versions Sipfront speaks. TLS 1.1 and older are refused (RFC 8996). */
public enum TlsVersion {
    TLS_1_2("TLSv1.2"),
    TLS_1_3("TLSv1.3");

    private final String protocolName;

    TlsVersion(String protocolName) {
        this.protocolName = protocolName;
    }

    /** The JSSE / Netty protocol name, e.g. {@code TLSv1.3}. */
    public String protocolName() {
        return protocolName;
    }

    /** Reads {@code TLSv1.2}, {@code TLSv1.3}, {@code 1.2} or {@code 1.3}, in any case. */
    public static TlsVersion parse(String text) {
        String t = text.trim().toLowerCase(Locale.ROOT);
        for (TlsVersion v : values()) {
            if (t.equals(v.protocolName.toLowerCase(Locale.ROOT)) || t.equals(v.protocolName.substring(4))) {
                return v;
            }
        }
        throw new IllegalArgumentException("'" + text + "' is not a supported TLS version: use TLSv1.2 or TLSv1.3"
                + " (TLS 1.1 and older are refused)");
    }
}
