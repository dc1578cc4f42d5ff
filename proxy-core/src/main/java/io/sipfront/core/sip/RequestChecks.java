package io.sipfront.core.sip;

import gov.nist.javax.sip.message.SIPRequest;

import javax.sip.address.SipURI;
import javax.sip.address.URI;
import java.util.Set;

/** Checks on a parsed request that need the parsed form and that JAIN-SIP does not make. */
final class RequestChecks {

    /** Methods Sipfront knows (RFC 3261 and extensions); any other is forwarded as an unknown method. */
    private static final Set<String> KNOWN_METHODS = Set.of("INVITE", "ACK", "BYE", "CANCEL", "OPTIONS",
            "REGISTER", "PRACK", "SUBSCRIBE", "NOTIFY", "PUBLISH", "INFO", "REFER", "MESSAGE", "UPDATE");

    private RequestChecks() {
    }

    /**
     * @param rawRequestLine the request line as received
     */
    static Failure check(SIPRequest request, String rawRequestLine) {
        String method = request.getMethod();
        if (!method.equals(request.getCSeq().getMethod())) {
            // RFC 4475 §3.1.2.18: for an unknown method a proxy should prefer 501.
            return KNOWN_METHODS.contains(method) ? Failure.CSEQ_METHOD_MISMATCH : Failure.NOT_IMPLEMENTED;
        }
        URI uri = request.getRequestURI();
        if (uri instanceof SipURI sip && sip.getHeaderNames().hasNext()) {
            // RFC 3261 §19.1.1 forbids headers in a Request-URI (RFC 4475 escruri); rejecting
            // is simpler and safer than stripping them.
            return Failure.BAD_REQUEST_URI;
        }
        if (!GenericUris.intact(uri, rawRequestLine)) {
            return Failure.BAD_REQUEST_URI; // JAIN-SIP damaged an escape: it would be forwarded changed
        }
        return null;
    }
}
