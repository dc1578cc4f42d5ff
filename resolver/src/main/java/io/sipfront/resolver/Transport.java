package io.sipfront.resolver;

import java.util.Locale;
import java.util.Optional;

/** The SIP transports RFC 3263 resolution can choose, with their DNS names and default ports. */
public enum Transport {
    UDP("_sip._udp", "SIP+D2U", 5060),
    TCP("_sip._tcp", "SIP+D2T", 5060),
    TLS("_sips._tcp", "SIPS+D2T", 5061);

    private final String srvPrefix;
    private final String naptrService;
    private final int defaultPort;

    Transport(String srvPrefix, String naptrService, int defaultPort) {
        this.srvPrefix = srvPrefix;
        this.naptrService = naptrService;
        this.defaultPort = defaultPort;
    }

    /** The SRV owner prefix, for example {@code _sips._tcp}. */
    public String srvPrefix() {
        return srvPrefix;
    }

    /** The NAPTR service field (RFC 3263 §4.1) that selects this transport. */
    public String naptrService() {
        return naptrService;
    }

    public int defaultPort() {
        return defaultPort;
    }

    /** The transport a NAPTR service field names, if it is one we speak. */
    public static Optional<Transport> ofNaptrService(String service) {
        for (Transport t : values()) {
            if (t.naptrService.equalsIgnoreCase(service)) {
                return Optional.of(t);
            }
        }
        return Optional.empty();
    }

    /** The transport of a URI's {@code transport} parameter ({@code udp}, {@code tcp}, {@code tls}). */
    public static Optional<Transport> ofUriParameter(String value) {
        try {
            return Optional.of(valueOf(value.toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
