package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContactList;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPMessage;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.edge.EdgeProtection;
import io.sipfront.core.transport.InboundMessage;
import java.text.ParseException;

/**
 * Messages from a source behind NAT ({@code edge.fix_nated_contact}), like Kamailio's {@code fix_nated_contact}: the
 * host and port of each Contact URI become the address the message came from, so in-dialog requests reach the NAT's
 * public side. Only that peer's messages change, so only that leg sees the rewritten Contact. Its requests also get
 * {@code rport} (Kamailio's {@code force_rport}): our responses go back to the port they came from.
 */
final class NatContacts {
    private final EdgeProtection edge;

    NatContacts(EdgeProtection edge) {
        this.edge = edge;
    }

    void fix(SIPMessage message, InboundMessage in) throws ParseException {
        if (!edge.fixesContactOf(in.source())) {
            return;
        }
        if (message instanceof SIPRequest request) {
            Via top = request.getTopmostVia();
            if (top != null && !top.hasParameter("rport")) {
                top.setParameter("rport", "");
            }
        }
        ContactList contacts = message.getContactHeaders();
        if (contacts == null) {
            return;
        }
        String host = in.source().getAddress().getHostAddress();
        int port = in.source().getPort();
        boolean changed = false;
        for (var header : contacts) {
            Contact contact = (Contact) header;
            if (!contact.isWildCard() && contact.getAddress() != null
                    && contact.getAddress().getURI() instanceof SipUri uri) {
                uri.setHost(host);
                uri.setPort(port);
                changed = true;
            }
        }
        if (changed) {
            edge.stats().contactsFixed.increment();
        }
    }
}
