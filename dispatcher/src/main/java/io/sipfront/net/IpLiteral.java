package io.sipfront.net;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * The one parser of IP address literals, for the call path (hosts in URIs and Vias) and the config alike. It never
 * asks DNS and uses no regex, because it runs for every message. The config adds its own stricter rules on top (no
 * leading zeros, no IPv4-mapped IPv6) and its own error messages.
 */
public final class IpLiteral {
    private IpLiteral() {
    }

    /**
     * A dotted-quad IPv4 or a bare IPv6 literal as an address; {@code null} for anything else (a host name, a
     * malformed address, an IPv6 zone id). IPv4 parts are decimal and at most 255; IPv4-mapped IPv6 comes back as
     * the IPv4 address, as the JDK makes it.
     */
    public static InetAddress parse(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        if (text.indexOf(':') < 0) {
            byte[] b = ipv4(text);
            return b == null ? null : byAddress(b);
        }
        if (!text.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
            return null;
        }
        try {
            return InetAddress.getByName(text); // contains ':', so the JDK reads an IPv6 literal and never asks DNS
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** As {@link #parse}, also taking IPv6 in brackets as a SIP host is written ({@code [2001:db8::1]}). */
    public static InetAddress parseHost(String host) {
        if (host != null && host.startsWith("[") && host.endsWith("]")) {
            return parse(host.substring(1, host.length() - 1));
        }
        return parse(host);
    }

    /** Dotted-quad IPv4 to bytes, or null; by hand because this runs for every message. */
    private static byte[] ipv4(String s) {
        byte[] out = new byte[4];
        int part = 0;
        int value = -1;
        for (int i = 0; i <= s.length(); i++) {
            char c = i < s.length() ? s.charAt(i) : '.';
            if (c >= '0' && c <= '9') {
                value = value < 0 ? c - '0' : value * 10 + (c - '0');
                if (value > 255) {
                    return null;
                }
            } else if (c == '.' && value >= 0 && part < 4) {
                out[part++] = (byte) value;
                value = -1;
            } else {
                return null;
            }
        }
        return part == 4 ? out : null;
    }

    /** The address of 4 or 16 bytes. */
    public static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + bytes.length + " bytes", e);
        }
    }

    /** IPv4 dotted; IPv6 in the RFC 5952 short form ({@code 2001:db8::1}), not Java's long form. */
    public static String toText(InetAddress address) {
        if (!(address instanceof Inet6Address)) {
            return address.getHostAddress();
        }
        byte[] b = address.getAddress();
        int[] groups = new int[8];
        for (int i = 0; i < 8; i++) {
            groups[i] = ((b[2 * i] & 0xff) << 8) | (b[2 * i + 1] & 0xff);
        }
        int bestStart = -1;
        int bestLength = 1; // RFC 5952: a single zero group is not shortened
        for (int i = 0; i < 8; ) {
            int j = i;
            while (j < 8 && groups[j] == 0) {
                j++;
            }
            if (j - i > bestLength) {
                bestStart = i;
                bestLength = j - i;
            }
            i = j == i ? i + 1 : j;
        }
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            if (i == bestStart) {
                out.append("::");
                i += bestLength - 1;
                continue;
            }
            if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
                out.append(':');
            }
            out.append(Integer.toHexString(groups[i]));
        }
        return out.toString();
    }
}
