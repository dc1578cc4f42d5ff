package io.sipfront.resolver;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.xbill.DNS.Address;

/** Recognises IP literals without asking any resolver (JDK {@code InetAddress.getByName} would). */
final class IpLiteral {
    private IpLiteral() {
    }

    /** The address {@code host} spells (IPv4 dotted quad, IPv6 with or without brackets), if it is one. */
    static Optional<InetAddress> parse(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] bytes = Address.toByteArray(h, Address.IPv4);
        if (bytes == null) {
            bytes = Address.toByteArray(h, Address.IPv6);
        }
        if (bytes == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(InetAddress.getByAddress(bytes));
        } catch (UnknownHostException e) {
            return Optional.empty(); // only for a wrong byte count, which toByteArray never returns
        }
    }
}
