package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Via;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.net.IpLiteral;
import io.sipfront.net.Transport;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.text.ParseException;

/**
 * Where a message goes next, from a URI (requests) or a Via (responses, RFC 3261 §18.2.2 and RFC 3581).
 *
 * <p>The call path never waits on DNS: a URI naming a host is routed only from what {@link RouteHostNames} has cached;
 * otherwise, and for a Via naming a host, the answer is {@code null} and the caller answers or drops accordingly.
 */
public final class NextHops {
    private NextHops() {
    }

    /** The target for a request sent to {@code uri}, or null when it is not routable without DNS. */
    public static OutboundTarget forUri(SipUri uri) {
        return forUri(uri, RouteHostNames.NONE);
    }

    /** The target for a request sent to {@code uri}, a host name taken from {@code names}; null when not routable now. */
    public static OutboundTarget forUri(SipUri uri, RouteHostNames names) {
        Transport transport = uri.isSecure() ? Transport.TLS : Transport.UDP;
        String param = uri.getTransportParam();
        if (param != null) {
            Transport written = Transport.parse(param);
            if (written == null || (uri.isSecure() && written != Transport.TLS)) {
                return null; // sips: is TLS all the way (RFC 5630)
            }
            transport = written;
        }
        String host = uri.getMAddrParam() != null ? uri.getMAddrParam() : uri.getHost();
        InetAddress address = IpLiteral.parseHost(host);
        if (address == null) {
            return uri.getMAddrParam() != null ? null : names.cached(uri).orElse(null);
        }
        int port = uri.getPort() > 0 ? uri.getPort() : transport == Transport.TLS ? 5061 : 5060;
        // An IP-literal remote target over TLS: the connection of the call is reused when open, else the peer's
        // certificate must carry that IP address (RFC 5922 §7.1 for a literal).
        return OutboundTarget.of(transport, new InetSocketAddress(address, port), IpLiteral.toText(address));
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
        InetAddress sentBy = IpLiteral.parseHost(host);
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
        InetAddress address = IpLiteral.parseHost(host);
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
}
