package io.sipfront.config;

import io.sipfront.net.Transport;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.util.Locale;

/**
 * A destination's {@code sip:HOST[:PORT][;transport=udp|tcp|tls]} or {@code sips:HOST[:PORT]}, checked but not
 * resolved.
 *
 * @param literal      the host as an address when it is an IP literal; {@code null} for a DNS name
 * @param port         the port written, or the default of the transport (5060, 5061 for TLS)
 * @param explicitPort whether a port was written (RFC 3263: then no SRV look-up)
 * @param explicitTransport whether a transport parameter was written (RFC 3263: then no NAPTR look-up)
 * @param sips         the {@code sips:} scheme: TLS all the way (RFC 5630)
 */
record DestinationUri(String host, InetAddress literal, int port, Transport transport, boolean explicitPort,
                      boolean explicitTransport, boolean sips) {
    static final int DEFAULT_PORT = 5060;
    static final int DEFAULT_TLS_PORT = 5061;
    static final String FORM = "sip:HOST[:PORT][;transport=udp|tcp|tls] or sips:HOST[:PORT], e.g. sip:127.0.0.10:5060";

    static DestinationUri parse(String text) throws InvalidValueException {
        int colon = text.indexOf(':');
        if (colon <= 0) {
            throw new InvalidValueException("'" + text + "' is not a SIP URI; write " + FORM);
        }
        String scheme = text.substring(0, colon).toLowerCase(Locale.ROOT);
        boolean sips = scheme.equals("sips");
        if (!sips && !scheme.equals("sip")) {
            throw new InvalidValueException("'" + text + "': scheme '" + scheme + "' is not supported; write " + FORM);
        }
        String rest = text.substring(colon + 1);
        int at = rest.indexOf('@');
        if (at >= 0) {
            throw new InvalidValueException("'" + text + "' has a user part ('" + rest.substring(0, at)
                    + "'); a destination names a host only, the caller's user part is kept");
        }
        if (rest.indexOf('?') >= 0) {
            throw new InvalidValueException("'" + text + "': URI headers ('?...') are not allowed in a destination");
        }
        String[] parts = rest.split(";", -1);
        HostPort hostPort = HostPort.split(parts[0]);
        if (hostPort.isUnbracketedIpv6()) {
            throw new InvalidValueException("'" + text + "': write IPv6 hosts in brackets, e.g. sip:[2001:db8::1]:5060");
        }
        InetAddress literal = literal(text, hostPort);
        Transport written = transportParameter(text, parts);
        if (sips && written != null && written != Transport.TLS) {
            throw new InvalidValueException("'" + text + "': a sips: URI is reached over TLS only, not "
                    + written.paramName());
        }
        Transport transport = sips ? Transport.TLS : written == null ? Transport.UDP : written;
        int port = hostPort.port() != null ? Ports.parse(hostPort.port())
                : transport == Transport.TLS ? DEFAULT_TLS_PORT : DEFAULT_PORT;
        return new DestinationUri(hostPort.host(), literal, port, transport, hostPort.port() != null,
                written != null, sips);
    }

    private static InetAddress literal(String text, HostPort hostPort) throws InvalidValueException {
        if (hostPort.host().isEmpty()) {
            throw new InvalidValueException("'" + text + "' has no host; write " + FORM);
        }
        InetAddress literal = IpLiterals.parseIfLiteral(hostPort.host());
        if (hostPort.bracketed() && !(literal instanceof Inet6Address)) {
            throw new InvalidValueException("'" + text + "': brackets are for IPv6 addresses only");
        }
        if (literal == null) {
            HostNames.check(hostPort.host());
        }
        return literal;
    }

    private static Transport transportParameter(String text, String[] parts) throws InvalidValueException {
        Transport transport = null;
        for (int i = 1; i < parts.length; i++) {
            String parameter = parts[i];
            int eq = parameter.indexOf('=');
            String name = (eq < 0 ? parameter : parameter.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (!name.equals("transport")) {
                throw new InvalidValueException("'" + text + "': unknown URI parameter '" + parameter
                        + "'; allowed: transport=udp|tcp|tls");
            }
            if (transport != null) {
                throw new InvalidValueException("'" + text + "': the transport parameter is given twice");
            }
            String value = eq < 0 ? "" : parameter.substring(eq + 1);
            transport = Transport.parse(value);
            if (transport == null) {
                throw new InvalidValueException("'" + text + "': transport '" + value
                        + "' is not supported; allowed: udp, tcp, tls");
            }
        }
        return transport;
    }
}
