package io.sipfront.config;

import io.sipfront.net.Transport;
import java.net.Inet6Address;
import java.net.InetAddress;

/** Listen entries: {@code udp:127.0.0.1:5060}, {@code tcp:[::1]:5060}, {@code tls:127.0.0.1:5061}. */
final class ListenSpecs {
    static final String FORM = "udp|tcp|tls:IP:PORT, e.g. udp:127.0.0.1:5060, tcp:[::1]:5060 or tls:127.0.0.1:5061";

    private ListenSpecs() {
    }

    static ListenAddress parse(String text) throws InvalidValueException {
        int colon = text.indexOf(':');
        if (colon < 0) {
            throw new InvalidValueException("'" + text + "' is not a listen address; write " + FORM);
        }
        Transport transport = Transport.parse(text.substring(0, colon));
        if (transport == null) {
            throw new InvalidValueException("unknown transport '" + text.substring(0, colon) + "' in '" + text
                    + "'; allowed: udp, tcp, tls");
        }
        HostPort hostPort = HostPort.split(text.substring(colon + 1));
        if (hostPort.isUnbracketedIpv6()) {
            throw new InvalidValueException("'" + text + "': write IPv6 addresses in brackets, e.g. "
                    + transport.paramName() + ":[::1]:5060");
        }
        if (hostPort.port() == null) {
            throw new InvalidValueException("'" + text + "' has no port; write " + FORM);
        }
        InetAddress address = IpLiterals.parse(hostPort.host());
        if (hostPort.bracketed() && !(address instanceof Inet6Address)) {
            throw new InvalidValueException("'" + text + "': brackets are for IPv6 addresses only");
        }
        return new ListenAddress(transport, address, Ports.parse(hostPort.port()));
    }
}
