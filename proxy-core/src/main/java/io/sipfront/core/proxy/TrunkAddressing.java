package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.ExtensionHeaderImpl;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.dispatcher.Destination;
import io.sipfront.dispatcher.DestinationOptions;
import io.sipfront.net.IpLiteral;
import io.sipfront.net.Transport;
import java.text.ParseException;
import javax.sip.message.Request;

/**
 * How an initial request names its destination, so the peer can tie it to a trunk (Genesys Cloud BYOC's three ways):
 * the destination's host name in the Request-URI while the packet goes to the resolved address (or the address, per
 * destination), RFC 4904 {@code tgrp}/{@code trunk-context} parameters, and a fixed header on every initial INVITE.
 */
final class TrunkAddressing {
    private TrunkAddressing() {
    }

    /**
     * The Request-URI for {@code destination}: its host name (or address) instead of the caller's host, user part
     * and other parameters kept, without {@code maddr}; {@code sips:} for a sips destination, else the transport
     * parameter unless UDP; the RFC 4904 trunk group when configured.
     */
    static SipUri requestUri(SipUri original, Destination destination, Transport out) throws ParseException {
        DestinationOptions options = destination.options();
        SipUri uri = (SipUri) original.clone();
        boolean byName = options.domain() != null && !options.addressInRequestUri();
        uri.setHost(byName || destination.address().isUnresolved() ? destination.domain()
                : IpLiteral.toText(destination.address().getAddress()));
        int port = destination.address().getPort();
        if (byName && port == defaultPort(out)) {
            uri.removePort(); // the name is resolved again by the peer's rules (RFC 3263): no port pins it
        } else {
            uri.setPort(port);
        }
        uri.removeParameter("maddr");
        uri.removeParameter("transport");
        uri.setScheme(options.sips() ? "sips" : "sip");
        if (out != Transport.UDP && !options.sips()) {
            uri.setTransportParam(out.paramName());
        }
        if (options.tgrp() != null) {
            uri.setParameter("tgrp", options.tgrp());
            uri.setParameter("trunk-context", options.trunkContext());
        }
        return uri;
    }

    /** The destination's trunk header on an initial INVITE, replacing any the caller sent under that name. */
    static void addTrunkHeader(SIPRequest request, Destination destination) {
        DestinationOptions options = destination.options();
        if (options.headerName() == null || !Request.INVITE.equals(request.getMethod())) {
            return;
        }
        request.removeHeader(options.headerName());
        ExtensionHeaderImpl header = new ExtensionHeaderImpl(options.headerName());
        header.setValue(options.headerValue());
        request.addHeader(header);
    }

    private static int defaultPort(Transport transport) {
        return transport == Transport.TLS ? 5061 : 5060;
    }
}
