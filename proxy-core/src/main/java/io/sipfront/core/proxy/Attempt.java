package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.SIPHeader;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.config.AccountSettings;
import io.sipfront.core.auth.Challenge;
import io.sipfront.core.auth.DigestAnswer;
import io.sipfront.core.sip.MessageEncoder;
import io.sipfront.core.transaction.SentRequest;
import io.sipfront.net.Transport;
import io.sipfront.dispatcher.Destination;
import java.text.ParseException;

/**
 * Builds the request of one attempt (RFC 3261 §16.6 steps 1–8) from the request as received: the numbers in the
 * format of the destination's carrier, the destination's host in the Request-URI, our Record-Route(s) and our Via
 * with the attempt's branch. A function of its arguments only: it opens no socket and keeps no state, so every
 * failover attempt starts again from the request as received, and it is tested on its own.
 */
final class Attempt {
    private Attempt() {
    }

    /** What an attempt sends, or why it sends nothing. */
    sealed interface Outcome {
    }

    /** The request stamped for its destination, and its encoding. */
    record Ready(SIPRequest request, Via via, byte[] bytes) implements Outcome {
        /** What an ACK for a non-2xx answer and a CANCEL of this request must repeat. */
        SentRequest sent() {
            RouteList routes = request.getRouteHeaders();
            return new SentRequest(request.getRequestURI(), via, (SIPHeader) request.getFrom(),
                    (SIPHeader) request.getTo(), (SIPHeader) request.getCallId(), request.getCSeq().getSeqNumber(),
                    routes == null || routes.isEmpty() ? null : routes);
        }
    }

    /** The destination's carrier rules refuse the numbers: another carrier's rules may accept them. */
    record Refused(RequestRewriter.Rewrite.Reject rejection) implements Outcome {
    }

    /** The body carries SRTP keys and this leg is not encrypted ({@code srtp_requires_tls}): 488, next destination. */
    record Insecure() implements Outcome {
    }

    /**
     * An authenticated retry (RFC 3261 §22.2): the request goes out with {@code cseq} and the answer to
     * {@code challenge}, computed over the Request-URI exactly as this attempt sends it.
     *
     * @param nonceCount the {@code nc} of this answer (1 for a fresh nonce)
     */
    record Credentials(long cseq, Challenge challenge, AccountSettings account, int nonceCount) {
    }

    static Outcome build(SIPRequest asReceived, boolean mayChange, Hop hop, String branch, ForwardingPlan plan) {
        return build(asReceived, mayChange, hop, branch, plan, null);
    }

    /**
     * @param asReceived the request as received, Route and Max-Forwards already processed
     * @param mayChange  whether {@code asReceived} may be changed and sent (no attempt can follow); otherwise the
     *                   attempt works on a copy
     * @param branch     the branch of this attempt's Via
     * @param credentials the CSeq and answer of an authenticated retry, or null
     * @throws IllegalStateException on an internal error (a value JAIN-SIP refuses): never the destination's fault
     */
    static Outcome build(SIPRequest asReceived, boolean mayChange, Hop hop, String branch, ForwardingPlan plan,
                         Credentials credentials) {
        SIPRequest request = mayChange ? asReceived : (SIPRequest) asReceived.clone();
        Destination destination = hop.destination();
        if (plan.numbers() != RequestRewriter.NONE) {
            String carrier = destination == null ? null : destination.carrier().orElse(null);
            RequestRewriter.Rewrite rewrite = plan.numbers().outbound(request, carrier);
            if (rewrite instanceof RequestRewriter.Rewrite.Reject reject) {
                return new Refused(reject);
            }
            request = ((RequestRewriter.Rewrite.Forward) rewrite).request();
        }
        Transport out = hop.transport();
        if (SrtpGuard.refuses(request, destination, out)) {
            return new Insecure();
        }
        try {
            boolean sips = request.getRequestURI().isSipURI() && ((SipUri) request.getRequestURI()).isSecure();
            if (destination != null && request.getRequestURI() instanceof SipUri uri) {
                request.setRequestURI(TrunkAddressing.requestUri(uri, destination, out));
                TrunkAddressing.addTrunkHeader(request, destination);
            }
            if (credentials != null) {
                authenticate(request, credentials);
            }
            if (plan.recordRoute()) {
                // Two entries when the call changes transport, so each side is told how to reach us (RFC 5658);
                // a sips request is record-routed with sips URIs on its TLS side (RFC 5630 §4.1).
                if (out != plan.inbound()) {
                    Messages.prepend(request, plan.identity().recordRoute(plan.inbound(),
                            sips && plan.inbound() == Transport.TLS));
                }
                Messages.prepend(request, plan.identity().recordRoute(out, sips && out == Transport.TLS));
            }
            Via via = plan.identity().via(out, branch);
            Messages.prepend(request, via);
            return new Ready(request, via, MessageEncoder.encode(request, out.viaName()));
        } catch (ParseException e) {
            throw new IllegalStateException("cannot stamp the request for " + hop.label() + ": " + e.getMessage(), e);
        }
    }

    private static void authenticate(SIPRequest request, Credentials c) throws ParseException {
        try {
            request.getCSeq().setSeqNumber(c.cseq());
        } catch (javax.sip.InvalidArgumentException e) {
            throw new ParseException("CSeq " + c.cseq() + " out of range", 0);
        }
        request.addHeader(DigestAnswer.build(c.challenge(), c.account(), request.getMethod(),
                request.getRequestURI().toString(), c.nonceCount()));
    }
}
