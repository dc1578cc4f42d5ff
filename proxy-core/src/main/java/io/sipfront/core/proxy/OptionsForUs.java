package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Allow;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.transport.InboundMessage;
import java.text.ParseException;
import javax.sip.message.Request;

/** An OPTIONS addressed to Sipfront itself (no user part, our address): answered 200 with what we allow. */
final class OptionsForUs {
    static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE, INFO, PRACK, REFER, NOTIFY, SUBSCRIBE, MESSAGE";

    private final ProxyContext p;

    OptionsForUs(ProxyContext p) {
        this.p = p;
    }

    /** Whether {@code request} (an initial request) is an OPTIONS for us. */
    boolean matches(SIPRequest request) {
        return Request.OPTIONS.equals(request.getMethod()) && request.getRequestURI() instanceof SipUri u
                && u.getUser() == null && p.identity().isLocal(u);
    }

    void answer(SIPRequest request, InboundMessage in) {
        LocalResponses.reply(p.sender(), request, in, 200, "OK", r -> r.setHeader(allowHeader()));
    }

    private static Allow allowHeader() {
        Allow allow = new Allow();
        try {
            allow.setMethod(ALLOW);
        } catch (ParseException e) {
            throw new IllegalStateException(e);
        }
        return allow;
    }
}
