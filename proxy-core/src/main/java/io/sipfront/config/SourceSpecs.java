package io.sipfront.config;

import io.sipfront.net.IpLiteral;
import java.net.Inet6Address;
import java.net.InetAddress;

/**
 * Source specs: {@code 127.0.0.20}, {@code 10.1.0.0/16}, {@code 127.0.0.20:5060},
 * {@code [2001:db8::1]:5060}, {@code 2001:db8::/32}, {@code ::1}. Sources classify traffic,
 * so they are IP literals only: a name would make classification depend on DNS.
 */
final class SourceSpecs {
    private SourceSpecs() {
    }

    static AddressMatch parse(String text) throws InvalidValueException {
        int slash = text.indexOf('/');
        return slash >= 0 ? network(text, text.substring(0, slash), text.substring(slash + 1)) : single(text);
    }

    private static AddressMatch single(String text) throws InvalidValueException {
        HostPort hostPort = HostPort.split(text);
        InetAddress address = IpLiterals.parse(hostPort.host());
        if (hostPort.bracketed() && !(address instanceof Inet6Address)) {
            throw new InvalidValueException("'" + text + "': brackets are for IPv6 addresses only");
        }
        int port = hostPort.port() == null ? 0 : Ports.parse(hostPort.port());
        return new AddressMatch(address, IpLiterals.bits(address), port);
    }

    private static AddressMatch network(String text, String addressText, String prefixText)
            throws InvalidValueException {
        if (prefixText.indexOf(':') >= 0) {
            throw new InvalidValueException("'" + text + "': a network cannot have a port;"
                    + " list single addresses with a port instead");
        }
        InetAddress address = IpLiterals.parse(addressText);
        int bits = IpLiterals.bits(address);
        if (prefixText.isEmpty() || prefixText.length() > 3 || !prefixText.chars().allMatch(Character::isDigit)) {
            throw new InvalidValueException("'" + text + "': prefix length '" + prefixText + "' is not a number 0.."
                    + bits);
        }
        int prefix = Integer.parseInt(prefixText);
        if (prefix > bits) {
            throw new InvalidValueException("'" + text + "': prefix length " + prefix + " is out of range 0.." + bits
                    + " for an " + (bits == 32 ? "IPv4" : "IPv6") + " network");
        }
        InetAddress network = mask(address, prefix);
        if (!network.equals(address)) {
            throw new InvalidValueException("'" + text + "' has host bits set after the /" + prefix
                    + " prefix; did you mean " + IpLiteral.toText(network) + "/" + prefix + "?");
        }
        return new AddressMatch(network, prefix, 0);
    }

    static InetAddress mask(InetAddress address, int prefix) {
        byte[] bytes = address.getAddress();
        for (int i = 0; i < bytes.length; i++) {
            int keep = Math.max(0, Math.min(8, prefix - 8 * i));
            bytes[i] &= (byte) (0xff << (8 - keep));
        }
        return IpLiteral.byAddress(bytes);
    }
}
