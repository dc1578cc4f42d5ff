package io.sipfront.resolver;

import java.net.InetAddress;
import java.net.InetSocketAddress;

/** A DNS server to ask: an IP literal (a resolver named by a host name would need DNS to be found) and a port. */
public record ResolverAddress(InetAddress address, int port) {
    public static final int DNS_PORT = 53;
    public static final String FORMS = "IP or IP:port (127.0.0.53, 127.0.0.53:53, [::1]:53, ::1)";

    public ResolverAddress {
        if (port < 1 || port > 65535) {
            throw new IllegalArgumentException("port " + port + " is outside 1..65535");
        }
    }

    /** Parses {@link #FORMS}; the port defaults to 53. */
    public static ResolverAddress parse(String text) {
        String s = text.strip();
        String host = s;
        int port = DNS_PORT;
        if (s.startsWith("[")) {
            int close = s.indexOf(']');
            if (close < 0) {
                throw new IllegalArgumentException("'" + text + "' lacks the closing ']': " + FORMS);
            }
            host = s.substring(1, close);
            String rest = s.substring(close + 1);
            if (!rest.isEmpty()) {
                if (!rest.startsWith(":")) {
                    throw new IllegalArgumentException("'" + text + "' is not " + FORMS);
                }
                port = port(rest.substring(1), text);
            }
        } else if (s.indexOf(':') >= 0 && s.indexOf(':') == s.lastIndexOf(':')) {
            host = s.substring(0, s.indexOf(':'));
            port = port(s.substring(s.indexOf(':') + 1), text);
        }
        InetAddress address = IpLiteral.parse(host).orElseThrow(
                () -> new IllegalArgumentException("'" + text + "' is not an IP address: " + FORMS));
        return new ResolverAddress(address, port);
    }

    private static int port(String digits, String text) {
        try {
            int port = Integer.parseInt(digits);
            if (port >= 1 && port <= 65535) {
                return port;
            }
        } catch (NumberFormatException e) {
            // reported below with the accepted forms
        }
        throw new IllegalArgumentException("'" + text + "' has no valid port (1..65535): " + FORMS);
    }

    InetSocketAddress socketAddress() {
        return new InetSocketAddress(address, port);
    }

    @Override
    public String toString() {
        String ip = address.getHostAddress();
        return ip.indexOf(':') >= 0 ? "[" + ip + "]:" + port : ip + ":" + port;
    }
}
