package io.sipfront.core.proxy;

import gov.nist.javax.sip.header.To;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.sip.LocalTags;
import io.sipfront.core.sip.MessageEncoder;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.SendFailureListener;
import io.sipfront.core.transport.SipSender;
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
        return MessageEncoder.encode(response, top == null ? "UDP" : top.getTransport());
    }

    /**
     * Answers {@code request} without a transaction (RFC 3261 §16.3 refusals, CANCEL, OPTIONS to us): to where its
     * responses go (§18.2.2), ignoring send failures.
     */
    static void reply(SipSender sender, SIPRequest request, InboundMessage in, int status, String reason,
                      Consumer<SIPResponse> extra) {
        sender.send(NextHops.responseTarget(request.getTopmostVia(), in), build(request, status, reason, extra),
                SendFailureListener.IGNORE);
    }

    static String tagFor(SIPRequest request) {
        Via top = request.getTopmostVia();
        long h = request.getCallId().getCallId().hashCode() * 31L + (top.getBranch() == null ? 0 : top.getBranch().hashCode());
        return LocalTags.of(h * 31 + request.getCSeq().getSeqNumber());
    }
}
