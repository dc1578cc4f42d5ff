package io.sipfront.config;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/** IP address literals, parsed strictly and without ever asking DNS. */
public final class IpLiterals {
    private static final String OCTET = "(?:25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
    private static final Pattern IPV4 = Pattern.compile(OCTET + "(?:\\." + OCTET + "){3}");
    /** Digits and dots only: meant as IPv4, even when wrong (never a host name to resolve). */
    private static final Pattern IPV4_LIKE = Pattern.compile("[0-9.]+");
    /** Checked before handing text to InetAddress, which would take a '%' zone or resolve a name. */
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

    private IpLiterals() {
    }

    /** An IPv4 or IPv6 literal; host names are refused. */
    public static InetAddress parse(String text) throws InvalidValueException {
        InetAddress address = parseIfLiteral(text);
        if (address == null) {
            throw new InvalidValueException("'" + text + "' is a host name; an IP address is required here");
        }
        return address;
    }

    /**
     * The address when the text is meant as an IP literal, {@code null} when it is a host name.
     * Text that is clearly meant as an address but is malformed ({@code 127.0.0.300}) is an error,
     * not a name.
     */
    static InetAddress parseIfLiteral(String text) throws InvalidValueException {
        if (IPV4.matcher(text).matches()) {
            return ipv4(text);
        }
        if (IPV4_LIKE.matcher(text).matches()) {
            throw new InvalidValueException("'" + text
                    + "' is not a valid IPv4 address (four numbers 0..255 without leading zeros)");
        }
        if (text.indexOf(':') >= 0) {
            return ipv6(text);
        }
        return null;
    }

    private static InetAddress ipv4(String text) {
        String[] parts = text.split("\\.");
        byte[] bytes = new byte[4];
        for (int i = 0; i < 4; i++) {
            bytes[i] = (byte) Integer.parseInt(parts[i]);
        }
        return byAddress(bytes);
    }

    private static InetAddress ipv6(String text) throws InvalidValueException {
        InvalidValueException invalid = new InvalidValueException("'" + text + "' is not a valid IPv6 address");
        if (!IPV6_CHARS.matcher(text).matches()) {
            throw invalid;
        }
        InetAddress address;
        try {
            address = InetAddress.getByName(text); // a literal with ':' is never looked up in DNS
        } catch (UnknownHostException e) {
            throw invalid;
        }
        if (address instanceof Inet4Address) {
            // Java turns ::ffff:a.b.c.d into an IPv4 address; say so rather than surprise later.
            throw new InvalidValueException("'" + text + "' is an IPv4-mapped IPv6 address; write "
                    + address.getHostAddress() + " instead");
        }
        return address;
    }

    static InetAddress byAddress(byte[] bytes) {
        try {
            return InetAddress.getByAddress(bytes);
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException("address of " + bytes.length + " bytes", e);
        }
    }

    static int bits(InetAddress address) {
        return address.getAddress().length * 8;
    }

    /** IPv4 dotted; IPv6 in the RFC 5952 short form ({@code 2001:db8::1}), not Java's long form. */
    static String toText(InetAddress address) {
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
