package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Via;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.net.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;

/**
 * Where a message goes next, from a URI (requests) or a Via (responses, RFC 3261 §18.2.2 and RFC 3581).
 *
 * <p>Only IP literals are routed: the call path never waits on DNS. A URI or Via naming a host by DNS name yields
 * {@code null} and the caller answers or drops accordingly.
 */
public final class NextHops {
    private NextHops() {
    }

    /** The target for a request sent to {@code uri}, or null when it is not routable without DNS. */
    public static OutboundTarget forUri(SipUri uri) {
        if (uri.isSecure()) {
            return null; // sips needs TLS, which Sipfront does not speak yet
        }
        Transport transport = Transport.UDP;
        String param = uri.getTransportParam();
        if (param != null) {
            transport = Transport.parse(param);
            if (transport == null) {
                return null;
            }
        }
        String host = uri.getMAddrParam() != null ? uri.getMAddrParam() : uri.getHost();
        InetAddress address = literal(host);
        if (address == null) {
            return null;
        }
        int port = uri.getPort() > 0 ? uri.getPort() : 5060;
        return OutboundTarget.of(transport, new InetSocketAddress(address, port));
    }

    /**
     * Where responses to a request go (RFC 3261 §18.2.2): back on the connection it came on for TCP; for UDP to the
     * source address (our {@code received}) and the {@code rport} or sent-by port.
     */
    public static OutboundTarget responseTarget(Via top, InboundMessage in) {
        if (in.flow() != null) {
            return new OutboundTarget(in.transport(), in.source(), in.flow());
        }
        int port;
        if (top.hasParameter("rport")) {
            port = in.source().getPort();
        } else {
            port = top.getPort() > 0 ? top.getPort() : 5060;
        }
        return OutboundTarget.of(in.transport(), new InetSocketAddress(in.source().getAddress(), port));
    }

    /**
     * Adds {@code received} when the sent-by host differs from the packet's source, and fills in an empty
     * {@code rport} (RFC 3581), so that the responses and the Via history tell the truth.
     */
    public static void stampReceived(Via top, InboundMessage in) throws ParseException {
        String sourceIp = in.source().getAddress().getHostAddress();
        String host = top.getHost();
        InetAddress sentBy = literal(host);
        if (sentBy == null || !sentBy.equals(in.source().getAddress())) {
            top.setReceived(sourceIp);
        }
        if (top.hasParameter("rport")) {
            top.setParameter("rport", Integer.toString(in.source().getPort()));
        }
    }

    /**
     * The target of a response forwarded statelessly by its (new) top Via; null when that Via names a DNS host or a
     * broadcast/multicast/wildcard address (RFC 4475 §3.3.10: never forward to a broadcast Via).
     */
    public static OutboundTarget forResponseVia(Via via) {
        Transport transport = Transport.parse(via.getTransport());
        if (transport == null) {
            return null;
        }
        String host = via.getReceived() != null ? via.getReceived() : via.getHost();
        InetAddress address = literal(host);
        if (address == null || address.isMulticastAddress() || address.isAnyLocalAddress() || isBroadcast(address)) {
            return null;
        }
        int port = via.getRPort() > 0 ? via.getRPort() : via.getPort() > 0 ? via.getPort() : 5060;
        return OutboundTarget.of(transport, new InetSocketAddress(address, port));
    }

    private static boolean isBroadcast(InetAddress a) {
        byte[] b = a.getAddress();
        return b.length == 4 && (b[1] & 0xff) == 255 && (b[2] & 0xff) == 255 && (b[3] & 0xff) == 255;
    }

    /** Dotted-quad IPv4 to bytes, or null; by hand because this runs for every message (no regex, no DNS). */
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

    /** An IPv4 or bracketed/bare IPv6 literal as an address, without any DNS; null for anything else. */
    static InetAddress literal(String host) {
        if (host == null || host.isEmpty()) {
            return null;
        }
        String h = host;
        if (h.startsWith("[") && h.endsWith("]")) {
            h = h.substring(1, h.length() - 1);
        }
        try {
            if (h.indexOf(':') < 0) {
                byte[] b = ipv4(h);
                return b == null ? null : InetAddress.getByAddress(b);
            }
            if (!h.chars().allMatch(c -> Character.digit(c, 16) >= 0 || c == ':' || c == '.')) {
                return null;
            }
            // Contains ':' so the JDK parses it as an IPv6 literal and never asks DNS.
            return InetAddress.getByName(h);
        } catch (java.net.UnknownHostException e) {
            return null;
        }
    }
}
