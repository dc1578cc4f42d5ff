package io.sipfront.resolver;

import java.util.List;
import java.util.Locale;

/**
 * The parts of a SIP URI that RFC 3263 looks at to locate a server: the host (a name or an IP literal, IPv6
 * with or without brackets), the port (0 when the URI has none), the {@code transport} parameter (null when
 * absent) and whether the scheme is {@code sips}.
 */
public record TargetUri(String host, int port, Transport transport, boolean secure) {

    public TargetUri {
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("a SIP URI needs a host");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 0..65535");
        }
        host = host.toLowerCase(Locale.ROOT);
    }

    /** {@code sip:host}: no port, no transport. */
    public static TargetUri sip(String host) {
        return new TargetUri(host, 0, null, false);
    }

    /**
     * The transport this URI fixes before any DNS: its {@code transport} parameter, where a {@code sips} URI
     * always means TLS (RFC 3263 §4.1); null when DNS chooses.
     */
    Transport fixedTransport() {
        return secure ? Transport.TLS : transport;
    }

    /** The transport when neither the URI nor NAPTR/SRV chose one (RFC 3263 §4.1): UDP, or TLS for sips. */
    Transport fallbackTransport() {
        Transport fixed = fixedTransport();
        return fixed != null ? fixed : Transport.UDP;
    }

    /** The SRV services to try, in our order of preference, when NAPTR gave none (RFC 3263 §4.1). */
    List<Transport> srvTransports() {
        Transport fixed = fixedTransport();
        return fixed != null ? List.of(fixed) : List.of(Transport.UDP, Transport.TCP);
    }

    @Override
    public String toString() {
        String h = host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        return (secure ? "sips:" : "sip:") + h + (port != 0 ? ":" + port : "")
                + (transport != null ? ";transport=" + transport.name().toLowerCase(Locale.ROOT) : "");
    }
}
