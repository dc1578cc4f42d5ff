package io.sipfront.config;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/**
 * A source the config recognises: an address or CIDR block, and optionally a port.
 * Written {@code 127.0.0.20}, {@code 10.1.0.0/16}, {@code 127.0.0.20:5060}, {@code [2001:db8::1]:5060}
 * or {@code 2001:db8::/32}.
 *
 * @param network      the network address (host bits zero)
 * @param prefixLength 0..32 for IPv4, 0..128 for IPv6
 * @param port         0 means any source port
 */
public record AddressMatch(InetAddress network, int prefixLength, int port) {

    public boolean matches(InetSocketAddress source) {
        if (port != 0 && source.getPort() != port) {
            return false;
        }
        InetAddress addr = source.getAddress();
        if (addr == null) {
            return false;
        }
        byte[] a = addr.getAddress();
        byte[] n = network.getAddress();
        if (a.length != n.length) {
            return false;
        }
        int full = prefixLength / 8;
        for (int i = 0; i < full; i++) {
            if (a[i] != n[i]) {
                return false;
            }
        }
        int rest = prefixLength % 8;
        if (rest == 0) {
            return true;
        }
        int mask = (0xff << (8 - rest)) & 0xff;
        return (a[full] & mask) == (n[full] & mask);
    }
}
