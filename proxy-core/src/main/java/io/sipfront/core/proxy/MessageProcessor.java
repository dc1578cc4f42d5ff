package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Allow;
import gov.nist.javax.sip.header.MaxForwards;
import gov.nist.javax.sip.header.ProxyRequire;
import gov.nist.javax.sip.header.Unsupported;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.routing.CallAudit;
import io.sipfront.core.routing.CallFacts;
import io.sipfront.core.routing.RoutingDecision;
import io.sipfront.core.transaction.ClientTransaction;
import io.sipfront.core.transaction.InviteServerTransaction;
import io.sipfront.core.transaction.NonInviteServerTransaction;
import io.sipfront.core.transaction.ServerTransaction;
import io.sipfront.core.transaction.TransactionContext;
import io.sipfront.core.transaction.TransactionKeys;
import io.sipfront.core.transport.InboundMessage;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.core.transport.SendFailureListener;
import io.sipfront.dispatcher.Candidate;
import io.sipfront.dispatcher.Destination;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.ListIterator;
import javax.sip.header.ProxyRequireHeader;
import javax.sip.header.RouteHeader;
import javax.sip.message.Request;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What the proxy does with one parsed message, on the lane of its call (RFC 3261 §16): validation, transaction
 * matching, Route processing, routing of initial requests to a destination set, and response matching.
 */
public final class MessageProcessor {
    private static final Logger log = LoggerFactory.getLogger(MessageProcessor.class);
    static final String ALLOW = "INVITE, ACK, BYE, CANCEL, OPTIONS, UPDATE, INFO, PRACK, REFER, NOTIFY, SUBSCRIBE, MESSAGE";

    private final ProxyContext p;
    private final LoopDetector loops;

    public MessageProcessor(ProxyContext p) {
        this.p = p;
        this.loops = new LoopDetector(p.identity(), p.config().proxy().spiralHandling());
    }

    public ProxyContext context() {
        return p;
    }

    /** Handles one message on {@code lane}; never throws. */
    public void handle(Lane lane, TransactionContext tctx, Object message, InboundMessage in) {
        try {
            if (message instanceof SIPRequest request) {
                p.stats().requestsReceived.increment();
                onRequest(lane, tctx, request, in);
            } else if (message instanceof SIPResponse response) {
                p.stats().responsesReceived.increment();
                onResponse(tctx, response);
            }
        } catch (RuntimeException | ParseException e) {
            p.stats().internalErrors.increment();
            log.error("failed to handle a message from {}", in.source(), e);
            if (message instanceof SIPRequest request && !Request.ACK.equals(request.getMethod())) {
                replyStatelessly(request, in, 500, "Server Internal Error", null);
            }
        }
    }

    // ------------------------------------------------------------------ requests

    private void onRequest(Lane lane, TransactionContext tctx, SIPRequest request, InboundMessage in)
            throws ParseException {
        String method = request.getMethod();
        // A new call may name its carrier by User-Agent or Contact; in-dialog requests carry no Contact, so by address.
        Source source = request.getToTag() == null ? p.classifier().classify(in.source(), request)
                : p.classifier().classify(in.source());
        boolean ack = Request.ACK.equals(method);
        if (!source.known()) {
            p.stats().unknownSource.increment();
            if (!ack) {
                replyStatelessly(request, in, 403, "Forbidden", null);
            }
            return;
        }
        Via top = request.getTopmostVia();
        NextHops.stampReceived(top, in);

        String key = TransactionKeys.server(request);
        if (ack) {
            ServerTransaction stx = tctx.table().server(key);
            if (stx instanceof InviteServerTransaction inviteTx && stx.hasFinalResponse() && stx.lastStatus() >= 300) {
                inviteTx.onAck(); // the ACK for our non-2xx: hop by hop, ends here
            } else if (stx == null && OrphanRequests.isAckOfNon2xx(p, request)) {
                OrphanRequests.forward(p, source, request); // its INVITE went through the other node of a pair
            } else {
                forwardAck(lane, request);
            }
            return;
        }
        if (Request.CANCEL.equals(method)) {
            onCancel(tctx, request, in, source);
            return;
        }
        ServerTransaction existing = tctx.table().server(key);
        if (existing != null) {
            p.stats().retransmissionsAbsorbed.increment();
            existing.onRetransmission();
            return;
        }

        // RFC 3261 §16.3 request validation.
        String scheme = request.getRequestURI().getScheme();
        if (!"sip".equalsIgnoreCase(scheme) && !"sips".equalsIgnoreCase(scheme)) {
            replyStatelessly(request, in, 416, "Unsupported URI Scheme", null);
            return;
        }
        boolean initial = request.getToTag() == null;
        boolean forUs = initial && Request.OPTIONS.equals(method) && request.getRequestURI() instanceof SipUri u
                && u.getUser() == null && p.identity().isLocal(u);
        if (forUs) {
            replyStatelessly(request, in, 200, "OK", r -> r.setHeader(allowHeader()));
            return;
        }
        MaxForwards mf = (MaxForwards) request.getMaxForwards();
        if (mf != null && mf.getMaxForwards() <= 0) {
            p.stats().tooManyHops.increment();
            replyStatelessly(request, in, 483, "Too Many Hops", null);
            return;
        }
        String loopHash = initial ? loops.loopHash(request) : null;
        if (initial && loops.isLoop(request, loopHash)) {
            p.stats().loopsDetected.increment();
            replyStatelessly(request, in, 482, "Loop Detected", null);
            return;
        }
        List<String> unsupported = proxyRequire(request);
        if (!unsupported.isEmpty()) {
            replyStatelessly(request, in, 420, "Bad Extension", r -> {
                Unsupported u = new Unsupported();
                try {
                    u.setOptionTag(String.join(", ", unsupported));
                } catch (ParseException e) {
                    throw new IllegalStateException(e);
                }
                r.setHeader(u);
            });
            return;
        }

        SIPRequest fwd = (SIPRequest) request.clone();
        boolean viaUs = RouteProcessing.popOwnRoutes(fwd, p.identity());
        List<Hop> hops;
        CallRecord record = null;
        CallAudit audit = null;
        RoutingDecision decision = null;
        boolean recordRoute = false;
        boolean fromCarrier = source.kind() == Source.Kind.CARRIER;
        boolean newCall = initial && Request.INVITE.equals(method);
        RequestRewriter.Rewrite inboundRewrite = null;
        if (newCall && fromCarrier) {
            // Numbers first, so routing rules for inbound calls are written against E.164.
            inboundRewrite = p.rewriter().inbound(fwd, source.name());
            if (inboundRewrite instanceof RequestRewriter.Rewrite.Forward rewritten) {
                fwd = rewritten.request();
            }
        }
        if (initial) {
            // Pre-loaded Routes are not honoured: routing of new calls is the proxy's decision, never the sender's.
            fwd.removeHeader(RouteHeader.NAME);
            decision = p.routing().route(CallFacts.of(fromCarrier ? fwd : request, fromCarrier, source.name()));
            hops = hopsOf(decision);
            recordRoute = dialogCreating(method);
            if (Request.INVITE.equals(method)) {
                String direction = fromCarrier ? "inbound" : "outbound";
                String from = source.name() + "/" + in.source().getAddress().getHostAddress() + ":"
                        + in.source().getPort();
                record = new CallRecord(request.getCallId().getCallId(), direction, from,
                        lane.timers().clock().nanoTime());
                audit = new CallAudit(p.routing().audit(), decision, p.routing().clock().currentTimeMillis(),
                        request.getCallId().getCallId(), direction, from);
            }
        } else {
            if (!viaUs) {
                // Not an open relay: in-dialog requests reach us only through our Record-Route.
                replyStatelessly(request, in, 404, "Not Here", null);
                return;
            }
            SipUri next = RouteProcessing.nextHopUri(fwd);
            OutboundTarget target = next == null ? null : NextHops.forUri(next);
            if (target == null) {
                replyStatelessly(request, in, 404, "Next Hop Not Routable", null);
                return;
            }
            hops = List.of(Hop.inDialog(target.address().getAddress().getHostAddress() + ":"
                    + target.address().getPort(), target));
            if (Request.BYE.equals(method)) {
                lane.state().establishedCalls.end(request.getCallId().getCallId());
            }
        }

        OutboundTarget responseTarget = NextHops.responseTarget(top, in);
        ServerTransaction stx = Request.INVITE.equals(method)
                ? InviteServerTransaction.start(tctx, key, request, responseTarget,
                        LocalResponses.build(request, 100, "Trying"))
                : NonInviteServerTransaction.start(tctx, key, request, responseTarget);
        ForwardedRequest forwarded = new ForwardedRequest(p, lane, tctx, stx, fwd, hops, recordRoute, in.transport(),
                record, loopHash, decision, audit, fromCarrier);
        if (inboundRewrite instanceof RequestRewriter.Rewrite.Reject reject) {
            forwarded.refuse(reject); // through the transaction: retransmissions and the ACK are absorbed
            return;
        }
        if (newCall && !fromCarrier) {
            forwarded.rewriteEachAttempt(p.rewriter());
        }
        forwarded.start();
    }

    private void onCancel(TransactionContext tctx, SIPRequest cancel, InboundMessage in, Source source) {
        ServerTransaction invite = tctx.table().server(TransactionKeys.server(cancel, Request.INVITE));
        if (invite == null) {
            if (OrphanRequests.mayFollowATakeover(cancel)) {
                replyStatelessly(cancel, in, 200, "OK", null);
                OrphanRequests.forward(p, source, cancel);
                return;
            }
            replyStatelessly(cancel, in, 481, "Call/Transaction Does Not Exist", null);
            return;
        }
        // The CANCEL is answered hop by hop at once (RFC 3261 §16.10); retransmissions get the same 200 again.
        replyStatelessly(cancel, in, 200, "OK", null);
        if (invite.user() != null) {
            invite.user().onCancel(invite);
        }
    }

    /** An ACK for a 2xx is end-to-end and stateless (RFC 3261 §16.11): forwarded along the Route set, never answered. */
    private void forwardAck(Lane lane, SIPRequest ack) throws ParseException {
        if (!RouteProcessing.popOwnRoutes(ack, p.identity())) {
            return; // not routed through us: drop, never relay
        }
        if (!Messages.decrementMaxForwards(ack)) {
            return;
        }
        SipUri next = RouteProcessing.nextHopUri(ack);
        OutboundTarget target = next == null ? null : NextHops.forUri(next);
        if (target == null) {
            return;
        }
        Via via = p.identity().via(target.transport(),
                Branches.stateless(ack.getTopmostVia().getBranch(), ack.getCallId().getCallId(), ack.getCSeq().getSeqNumber()));
        Messages.prepend(ack, via);
        p.sender().send(target, ack.encodeAsBytes(target.transport().viaName()), SendFailureListener.IGNORE);
    }

    // ------------------------------------------------------------------ responses

    private void onResponse(TransactionContext tctx, SIPResponse response) {
        Via top = response.getTopmostVia();
        if (top == null || !p.identity().isLocal(top.getHost(), top.getPort())) {
            p.stats().strayResponsesDropped.increment();
            return; // not sent by us
        }
        ClientTransaction tx = tctx.table().client(top.getBranch(), response.getCSeq().getMethod());
        if (tx != null) {
            tx.onResponse(response);
            return;
        }
        // No transaction (it ended, or the request went out through the other node of a pair): RFC 3261 §16.7 says
        // to forward statelessly by the next Via.
        response.getViaHeaders().removeFirst();
        Via next = response.getTopmostVia();
        OutboundTarget target = next == null ? null : NextHops.forResponseVia(next);
        if (target == null) {
            p.stats().strayResponsesDropped.increment();
            return;
        }
        p.stats().strayResponsesForwarded.increment();
        p.sender().send(target, response.encodeAsBytes(next.getTransport()), SendFailureListener.IGNORE);
    }

    // ------------------------------------------------------------------ helpers

    private List<Hop> hopsOf(RoutingDecision decision) {
        List<Hop> hops = new ArrayList<>(decision.candidates().size());
        for (Candidate c : decision.candidates()) {
            Destination d = c.destination();
            hops.add(new Hop(d.id(), OutboundTarget.of(d.transport(), d.address()), d, c,
                    p.routing().registry().get(c.set(), d.id())));
        }
        return hops;
    }

    private static boolean dialogCreating(String method) {
        return Request.INVITE.equals(method) || Request.SUBSCRIBE.equals(method) || Request.REFER.equals(method);
    }

    private static List<String> proxyRequire(SIPRequest request) {
        List<String> tags = new ArrayList<>();
        ListIterator<?> it = request.getHeaders(ProxyRequireHeader.NAME);
        while (it != null && it.hasNext()) {
            Object h = it.next();
            if (h instanceof ProxyRequire pr) {
                tags.add(pr.getOptionTag());
            }
        }
        return tags; // Sipfront implements no proxy extension: every listed tag is unsupported
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

    private void replyStatelessly(SIPRequest request, InboundMessage in, int status, String reason,
                                  java.util.function.Consumer<SIPResponse> extra) {
        Via top = request.getTopmostVia();
        p.sender().send(NextHops.responseTarget(top, in), LocalResponses.build(request, status, reason, extra),
                SendFailureListener.IGNORE);
    }
}
