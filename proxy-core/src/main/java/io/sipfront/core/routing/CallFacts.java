package io.sipfront.core.routing;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.message.SIPRequest;
import javax.sip.header.Header;

/**
 * What the rules look at in a new call: the dialled number and, on demand, a header's value.
 *
 * @param source {@code platform} or the carrier's name
 */
public record CallFacts(String callId, boolean fromCarrier, String source, String number, SIPRequest request) {
    public static CallFacts of(SIPRequest request, boolean fromCarrier, String source) {
        String number = request.getRequestURI() instanceof SipUri u && u.getUser() != null ? u.getUser() : "";
        return new CallFacts(request.getCallId().getCallId(), fromCarrier, source, number, request);
    }

    /** The value of the first header called {@code name}, or null when absent. */
    public String header(String name) {
        if (request == null) {
            return null;
        }
        Header h = request.getHeader(name);
        if (h instanceof SIPHeader sh) {
            return sh.getHeaderValue().trim();
        }
        return h == null ? null : h.toString().substring(h.toString().indexOf(':') + 1).trim();
    }
}
