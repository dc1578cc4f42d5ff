package io.sipfront.core.proxy;

import gov.nist.javax.sip.message.SIPRequest;

/**
 * Rewrites the numbers of a new call for one carrier (number normalization). Called on the call's lane: it must
 * answer from memory and never block.
 *
 * <p>Inbound (carrier → platform) it runs once per new INVITE before forwarding; outbound (platform → carrier) once
 * per attempt, each time on a fresh copy of the request as it arrived, so a failover never starts from what the
 * previous carrier was sent.
 */
public interface RequestRewriter {
    /** Leaves every request as it is. */
    RequestRewriter NONE = new RequestRewriter() {
        @Override
        public Rewrite inbound(SIPRequest request, String carrier) {
            return new Rewrite.Forward(request);
        }

        @Override
        public Rewrite outbound(SIPRequest request, String carrier) {
            return new Rewrite.Forward(request);
        }
    };

    /** @param request a private copy the rewriter may change in place */
    Rewrite inbound(SIPRequest request, String carrier);

    /**
     * @param request a private copy the rewriter may change in place
     * @param carrier the carrier of the destination being tried, or null when it belongs to none
     */
    Rewrite outbound(SIPRequest request, String carrier);

    /** Forward the (rewritten) request, or answer the caller locally. */
    sealed interface Rewrite {
        record Forward(SIPRequest request) implements Rewrite {
        }

        /** 484 for a dialled number, 403 for a caller that cannot be made valid. */
        record Reject(int status, String reason) implements Rewrite {
        }
    }
}
