package io.sipfront.config;

import io.sipfront.net.IpLiteral;
import java.net.InetAddress;

/** {@code sip.advertised_address}: an IP literal or a DNS name, without a port. */
final class AdvertisedHosts {
    private AdvertisedHosts() {
    }

    /** The host as it goes into Via and Record-Route; IPv6 without brackets, in its short form. */
    static String parse(String text) throws InvalidValueException {
        HostPort hostPort = HostPort.split(text);
        if (hostPort.port() != null) {
            throw new InvalidValueException("'" + text + "' includes a port; write the host only"
                    + " and put the port in sip.advertised_port");
        }
        InetAddress literal = IpLiterals.parseIfLiteral(hostPort.host());
        if (literal == null) {
            return HostNames.check(hostPort.host());
        }
        if (literal.isAnyLocalAddress()) {
            throw new InvalidValueException("'" + text + "' is a wildcard address, which peers cannot send to;"
                    + " advertise the address they should use");
        }
        return IpLiteral.toText(literal);
    }
}
