package io.sipfront.core.proxy;

import gov.nist.javax.sip.header.RetryAfter;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.sip.MessageEncoder;
import io.sipfront.core.transaction.ServerTransaction;
import java.text.ParseException;
import java.util.function.Consumer;
import javax.sip.InvalidArgumentException;

/** The caller's side of a forwarded request: what goes back up through its server transaction. */
final class Upstream {
    private final ServerTransaction stx;
    /** The caller's CSeq number, kept: the transaction lets go of its request once answered. */
    private final long callerCseq;

    Upstream(ServerTransaction stx) {
        this.stx = stx;
        this.callerCseq = stx.request().getCSeq().getSeqNumber();
    }

    ServerTransaction transaction() {
        return stx;
    }

    /** Whether the caller has its final answer. */
    boolean answered() {
        return stx.hasFinalResponse();
    }

    /**
     * Relays a downstream response: our Via comes off, the rest goes up as it arrived, except a CSeq that an
     * authenticated retry (or a dialog's offset) moved: the caller gets its own number back.
     */
    void relay(SIPResponse response, int status) {
        response.getViaHeaders().removeFirst();
        if (response.getCSeq().getSeqNumber() != callerCseq) {
            try {
                response.getCSeq().setSeqNumber(callerCseq);
            } catch (InvalidArgumentException e) {
                throw new IllegalStateException(e); // the caller's own number, already accepted once
            }
        }
        Via top = response.getTopmostVia();
        if (top == null) {
            return;
        }
        stx.sendResponse(status, MessageEncoder.encode(response, top.getTransport()));
    }

    /**
     * Relays a final non-2xx answer; a 503 goes up as 500 (RFC 3261 §16.7 step 6: a relayed 503 would tell the
     * caller that Sipfront itself is unavailable).
     *
     * @return the status sent
     */
    int relayFinal(SIPResponse response) {
        int status = response.getStatusCode();
        if (status == 503) {
            try {
                response.setStatusCode(500);
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
            response.setReasonPhrase("Server Internal Error");
            status = 500;
        }
        relay(response, status);
        return status;
    }

    /** Answers with a response of our own. */
    void respond(int status, String reason) {
        stx.sendResponse(status, LocalResponses.build(stx.request(), status, reason));
    }

    /** Nothing can take the request: 503 with Retry-After (RFC 3261 §21.5.4) so the caller backs off. */
    void respondUnavailable(int retryAfterSeconds) {
        stx.sendResponse(503, LocalResponses.build(stx.request(), 503, "Service Unavailable",
                retryAfter(retryAfterSeconds)));
    }

    /** Adds {@code Retry-After: seconds} to a response (nothing for 0). */
    static Consumer<SIPResponse> retryAfter(int seconds) {
        return r -> {
            if (seconds > 0) {
                RetryAfter h = new RetryAfter();
                try {
                    h.setRetryAfter(seconds);
                } catch (InvalidArgumentException e) {
                    throw new IllegalStateException(e);
                }
                r.setHeader(h);
            }
        };
    }
}
