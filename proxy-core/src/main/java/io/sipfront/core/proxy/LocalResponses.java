package io.sipfront.core.proxy;

import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import java.text.ParseException;
import java.util.function.Consumer;

/** Responses the proxy generates itself (100, 403, 482, 483, 487, 408, ...). */
public final class LocalResponses {
    private LocalResponses() {
    }

    public static byte[] build(SIPRequest request, int status, String reason) {
        return build(request, status, reason, null);
    }

    /**
     * @param extra adds headers (Allow, Unsupported, Retry-After...) before encoding; may be null
     */
    public static byte[] build(SIPRequest request, int status, String reason, Consumer<SIPResponse> extra) {
        SIPResponse response = request.createResponse(status, reason);
        To to = (To) response.getTo();
        if (status > 100 && to != null && to.getTag() == null) {
            try {
                // Deterministic, so every retransmission of the request gets the same tag.
                to.setTag(tagFor(request));
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
        }
        if (extra != null) {
            extra.accept(response);
        }
        Via top = response.getTopmostVia();
        return response.encodeAsBytes(top == null ? "UDP" : top.getTransport());
    }

    static String tagFor(SIPRequest request) {
        Via top = request.getTopmostVia();
        int h = request.getCallId().getCallId().hashCode() * 31 + (top.getBranch() == null ? 0 : top.getBranch().hashCode());
        return "sf" + Integer.toHexString(h * 31 + (int) request.getCSeq().getSeqNumber());
    }
}
