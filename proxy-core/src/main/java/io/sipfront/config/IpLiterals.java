package io.sipfront.config;

import io.sipfront.net.IpLiteral;
import java.net.Inet4Address;
import java.net.InetAddress;

/**
 * IP address literals in the config: {@link IpLiteral} with stricter rules and messages that say what to write.
 * Never asks DNS.
 */
public final class IpLiterals {
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
     * Text that is clearly meant as an address but is malformed ({@code 127.0.0.300}), ambiguous ({@code 010.0.0.1},
     * which inet_aton reads as octal) or IPv4-mapped IPv6 is an error, not a name.
     */
    static InetAddress parseIfLiteral(String text) throws InvalidValueException {
        InetAddress address = IpLiteral.parse(text);
        if (text.indexOf(':') >= 0) {
            if (address == null) {
                throw new InvalidValueException("'" + text + "' is not a valid IPv6 address");
            }
            if (address instanceof Inet4Address) {
                // Java turns ::ffff:a.b.c.d into an IPv4 address; say so rather than surprise later.
                throw new InvalidValueException("'" + text + "' is an IPv4-mapped IPv6 address; write "
                        + address.getHostAddress() + " instead");
            }
            return address;
        }
        if (!digitsAndDots(text)) {
            return null; // a host name
        }
        if (address == null || hasLeadingZero(text)) {
            // Digits and dots only: meant as IPv4, even when wrong (never a host name to resolve).
            throw new InvalidValueException("'" + text
                    + "' is not a valid IPv4 address (four numbers 0..255 without leading zeros)");
        }
        return address;
    }

    private static boolean digitsAndDots(String text) {
        return !text.isEmpty() && text.chars().allMatch(c -> (c >= '0' && c <= '9') || c == '.');
    }

    private static boolean hasLeadingZero(String dottedQuad) {
        for (String part : dottedQuad.split("\\.")) {
            if (part.length() > 1 && part.charAt(0) == '0') {
                return true;
            }
        }
        return false;
    }

    static int bits(InetAddress address) {
        return address.getAddress().length * 8;
    }
}
