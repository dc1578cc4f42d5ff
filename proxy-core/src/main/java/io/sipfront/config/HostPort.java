package io.sipfront.config;

/**
 * {@code HOST}, {@code HOST:PORT}, {@code [IPV6]} or {@code [IPV6]:PORT}, split but not yet checked.
 * Text with several colons and no brackets is an IPv6 address without a port: a port can only
 * follow a bracketed IPv6 address.
 *
 * @param port the port text, {@code null} when there is none
 */
public record HostPort(String host, String port, boolean bracketed) {

    public static HostPort split(String text) throws InvalidValueException {
        if (text.startsWith("[")) {
            int close = text.indexOf(']');
            if (close < 0) {
                throw new InvalidValueException("'" + text + "' has a '[' without the closing ']'");
            }
            String host = text.substring(1, close);
            String rest = text.substring(close + 1);
            if (rest.isEmpty()) {
                return new HostPort(host, null, true);
            }
            if (rest.startsWith(":")) {
                return new HostPort(host, rest.substring(1), true);
            }
            throw new InvalidValueException("unexpected '" + rest + "' after ']' in '" + text + "'");
        }
        int colon = text.indexOf(':');
        if (colon < 0 || text.indexOf(':', colon + 1) >= 0) {
            return new HostPort(text, null, false);
        }
        return new HostPort(text.substring(0, colon), text.substring(colon + 1), false);
    }

    public boolean isUnbracketedIpv6() {
        return !bracketed && host.indexOf(':') >= 0;
    }
}
