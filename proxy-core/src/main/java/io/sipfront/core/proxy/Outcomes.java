package io.sipfront.core.proxy;

import gov.nist.javax.sip.message.SIPResponse;

/**
 * What the attempts of one forwarded request have heard so far, and so what the caller is told when no attempt is
 * left: the last final answer a destination gave, else a timeout (408), else 503 for a destination that could not be
 * reached, else why nothing was sent (the number rules' 484/403, our own error 500, or nothing to try: 503 with
 * Retry-After).
 */
final class Outcomes {
    /** The caller's answer when no attempt is left. */
    sealed interface Answer {
    }

    /** Relay this destination's final answer. */
    record Relay(SIPResponse response) implements Answer {
    }

    /** Answer with a response of our own. */
    record Local(int status, String reason) implements Answer {
    }

    /** Nothing could take the request: 503 with Retry-After. */
    record Unavailable() implements Answer {
    }

    private SIPResponse lastFinal;
    private boolean timedOut;
    private boolean unreachable;
    private boolean internalError;
    private boolean authFailed;
    private RequestRewriter.Rewrite.Reject rejection;
    private boolean insecure;

    void finalResponse(SIPResponse response) {
        lastFinal = response;
    }

    void timeout() {
        timedOut = true;
    }

    void transportError() {
        unreachable = true;
    }

    /** A carrier with an account refused our credentials: the caller never sees its challenge. */
    void authFailed() {
        authFailed = true;
    }

    void internalError() {
        internalError = true;
    }

    /** An attempt not sent because its leg would carry SRTP keys in clear text. */
    void refusedInsecure() {
        insecure = true;
    }

    void refusedByNumbering(RequestRewriter.Rewrite.Reject reject) {
        rejection = reject;
    }

    /** @param cancelled the caller cancelled: 487 whatever was heard */
    Answer whenNothingIsLeft(boolean cancelled) {
        if (cancelled) {
            return new Local(487, "Request Terminated");
        }
        if (lastFinal != null) {
            return new Relay(lastFinal);
        }
        if (timedOut) {
            return new Local(408, "Request Timeout");
        }
        if (unreachable || authFailed) {
            return new Local(503, "Service Unavailable");
        }
        if (rejection != null) {
            return new Local(rejection.status(), rejection.reason());
        }
        if (insecure) {
            return new Local(488, "Not Acceptable Here");
        }
        if (internalError) {
            return new Local(500, "Server Internal Error");
        }
        return new Unavailable();
    }
}
