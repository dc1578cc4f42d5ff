package io.sipfront.core.proxy;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.RecordRouteList;
import gov.nist.javax.sip.header.RouteList;
import gov.nist.javax.sip.header.Via;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.routing.CallAudit;
import io.sipfront.core.routing.RoutingDecision;
import io.sipfront.core.time.Timeout;
import io.sipfront.core.transaction.ClientTransaction;
import io.sipfront.core.transaction.ClientTransactionUser;
import io.sipfront.core.transaction.InviteClientTransaction;
import io.sipfront.core.transaction.NonInviteClientTransaction;
import io.sipfront.core.transaction.SentRequest;
import io.sipfront.core.transaction.ServerTransaction;
import io.sipfront.core.transaction.ServerTransactionUser;
import io.sipfront.core.transaction.TransactionContext;
import io.sipfront.dispatcher.DestinationHealth;
import io.sipfront.net.Transport;
import java.text.ParseException;
import java.util.List;
import javax.sip.message.Request;

/**
 * The proxy core for one stateful request (RFC 3261 §16.6–16.8): forwards it to one hop at a time and, on 408, 5xx,
 * a transport error or silence past the first-response timer, moves on to the next hop (serial failover). Relays
 * provisional and 2xx responses upstream at once, picks the final response, handles CANCEL and Timer C.
 *
 * <p>One copy of the request is made and re-stamped for every attempt (Request-URI, Record-Route, Via); a failover
 * therefore always starts from the request as it arrived, never from what the previous attempt sent.
 */
final class ForwardedRequest implements ServerTransactionUser, ClientTransactionUser {
    private final ProxyContext p;
    private final Lane lane;
    private final TransactionContext tctx;
    private final ServerTransaction stx;
    private SIPRequest fwd;
    private SipUri originalUri;
    private final List<Hop> hops;
    private final boolean invite;
    private final boolean recordRoute;
    private final Transport inbound;
    private final CallRecord record;
    private final int maxAttempts;
    private final String loopHash;
    private final RoutingDecision decision;
    private final CallAudit audit;
    private final boolean inboundCall;

    /** Index of the next hop to look at; hops skipped for their limits are passed over without an attempt. */
    private int nextHop;
    private int attempts;
    private Hop currentHop;
    /** The destination whose call slot the current attempt holds (INVITE to a configured destination). */
    private DestinationHealth slot;
    private boolean attemptOpen;
    private String lastResult;
    private int recordRoutesAdded;
    private boolean viaAdded;
    private ClientTransaction current;
    private String currentLabel;
    private Timeout firstResponseTimer;
    private Timeout timerC;
    private boolean cancelled;
    private boolean logged;
    private SIPResponse lastFinal;
    private boolean sawTimeout;
    /** Outbound number normalization: each attempt rewrites a fresh copy of {@link #asReceived}. */
    private RequestRewriter outboundRewriter = RequestRewriter.NONE;
    private SIPRequest asReceived;
    private RequestRewriter.Rewrite.Reject lastRejection;

    /**
     * @param fwd         a private copy of the request, Route already processed; Max-Forwards is handled here
     * @param record      the call record to log, or null for requests that are not call setups
     * @param loopHash    RFC 3261 §16.6 step 8 hash to carry in the branch (spiral handling), or null
     * @param decision    the routing decision of an initial request (its Retry-After), or null in-dialog
     * @param audit       the audit line of a call setup, or null
     */
    ForwardedRequest(ProxyContext p, Lane lane, TransactionContext tctx, ServerTransaction stx, SIPRequest fwd,
                     List<Hop> hops, boolean recordRoute, Transport inbound, CallRecord record, String loopHash,
                     RoutingDecision decision, CallAudit audit, boolean inboundCall) {
        this.p = p;
        this.lane = lane;
        this.tctx = tctx;
        this.stx = stx;
        this.fwd = fwd;
        this.originalUri = fwd.getRequestURI() instanceof SipUri ? (SipUri) fwd.getRequestURI().clone() : null;
        this.hops = hops;
        this.invite = Request.INVITE.equals(fwd.getMethod());
        this.recordRoute = recordRoute;
        this.inbound = inbound;
        this.record = record;
        this.maxAttempts = Math.max(1, p.config().proxy().maxAttempts());
        this.loopHash = loopHash;
        this.decision = decision;
        this.audit = audit;
        this.inboundCall = inboundCall;
        stx.setUser(this);
    }

    /** Formats the numbers for the carrier of each destination tried (outbound calls); call before start. */
    void rewriteEachAttempt(RequestRewriter rewriter) {
        this.outboundRewriter = rewriter;
    }

    /** Answers a new call locally, without forwarding it: its numbers were refused (number normalization). */
    void refuse(RequestRewriter.Rewrite.Reject rejection) {
        noteAttempt("numbering", "rejected-" + rejection.status());
        respondLocally(rejection.status(), rejection.reason());
    }

    void start() {
        Messages.decrementMaxForwards(fwd); // never 0 here: the request processor answered 483 for that
        if (outboundRewriter != RequestRewriter.NONE) {
            // fwd is already our private copy and each attempt replaces it with a clone before changing it,
            // so it can serve as the untouched original without a copy of its own.
            asReceived = fwd;
        }
        if (!tryNextHop()) {
            if (lastRejection != null) {
                respondLocally(lastRejection.status(), lastRejection.reason());
            } else {
                respondUnavailable();
            }
        }
    }

    /** Starts the next attempt; false when no hop or attempt is left. */
    private boolean tryNextHop() {
        while (fwd != null && nextHop < hops.size() && attempts < maxAttempts) {
            Hop hop = hops.get(nextHop++);
            if (invite && hop.health() != null && !hop.health().tryStartCall()) {
                // Full (max_calls / max_cps): not a failure of the destination, and not an attempt.
                auditAttempt(hop, "limit reached");
                continue;
            }
            attempts++;
            if (attempts > 1) {
                p.stats().failovers.increment();
                if (audit != null) {
                    p.routing().metrics().failover(inboundCall);
                }
            }
            currentHop = hop;
            currentLabel = hop.label();
            slot = invite ? hop.health() : null;
            attemptOpen = true;
            try {
                send(hop);
            } catch (RejectedAttempt e) {
                // This carrier's number rules refuse the number; another carrier's rules may accept it.
                // Not a failure of the destination: its health is left alone.
                lastRejection = e.rejection;
                attemptOpen = false;
                String result = "rejected-" + e.rejection.status();
                noteAttempt(hop.label(), result);
                auditAttempt(hop, result + " by number rules");
                releaseSlot();
                continue;
            } catch (ParseException | RuntimeException e) {
                attemptEnded("error", true, false);
                continue;
            }
            return true;
        }
        return false;
    }

    /**
     * How the current attempt ended: call log, audit, the destination's health (passive window, suspect and an
     * immediate probe) and its call slot, unless the call was answered there.
     */
    private void attemptEnded(String result, boolean failed, boolean suspicious) {
        if (!attemptOpen) {
            return;
        }
        attemptOpen = false;
        noteAttempt(currentLabel != null ? currentLabel : currentHop.label(), result);
        auditAttempt(currentHop, result);
        lastResult = result;
        DestinationHealth h = currentHop.health();
        if (h != null) {
            h.callOutcome(failed, suspicious);
            if (suspicious) {
                p.routing().suspect(h);
            }
        }
        if (!result.startsWith("2")) {
            releaseSlot();
        }
    }

    private void auditAttempt(Hop hop, String result) {
        if (audit == null || hop.candidate() == null) {
            return;
        }
        String why = hop.candidate().reason();
        if (lastResult != null && !"limit reached".equals(result)) {
            why = "failover after " + lastResult + " (" + why + ")";
        }
        audit.attempt(hop.candidate().set(), hop.destination().id(), why, result);
    }

    private void releaseSlot() {
        if (slot != null) {
            slot.callEnded();
            slot = null;
        }
    }

    /** Nothing could take the call: 503 with Retry-After (RFC 3261 §21.5.4), so the caller backs off. */
    private void respondUnavailable() {
        if (stx.hasFinalResponse()) {
            return;
        }
        int retryAfter = decision == null ? 0 : decision.retryAfterSeconds();
        cancel(firstResponseTimer);
        cancel(timerC);
        stx.sendResponse(503, LocalResponses.build(stx.request(), 503, "Service Unavailable", r -> {
            if (retryAfter > 0) {
                gov.nist.javax.sip.header.RetryAfter h = new gov.nist.javax.sip.header.RetryAfter();
                try {
                    h.setRetryAfter(retryAfter);
                } catch (javax.sip.InvalidArgumentException e) {
                    throw new IllegalStateException(e);
                }
                r.setHeader(h);
            }
        }));
        finish(503);
    }

    private void send(Hop hop) throws ParseException {
        Transport out = hop.target().transport();
        SipUri baseUri = originalUri;
        if (asReceived != null) {
            fwd = rewrittenFor(hop);
            baseUri = fwd.getRequestURI() instanceof SipUri u ? u : null;
        }
        if (hop.destination() != null && baseUri != null) {
            fwd.setRequestURI(rewrite(baseUri, hop, out));
        }
        if (recordRoute) {
            RecordRouteList rrs = fwd.getRecordRouteHeaders();
            for (int i = 0; i < recordRoutesAdded && rrs != null && !rrs.isEmpty(); i++) {
                rrs.removeFirst();
            }
            // Two entries when the call changes transport, so each side is told how to reach us (RFC 5658).
            if (out != inbound) {
                Messages.prepend(fwd, p.identity().recordRoute(inbound));
                recordRoutesAdded = 2;
            } else {
                recordRoutesAdded = 1;
            }
            Messages.prepend(fwd, p.identity().recordRoute(out));
        }
        if (viaAdded) {
            fwd.getViaHeaders().removeFirst();
        }
        String unique = null;
        if (invite && attempts == 1) {
            // Deterministic for the first attempt, so the other node of an HA pair can match it (docs/ha.md).
            unique = Branches.firstAttemptUnique(fwd.getTopmostVia().getBranch(), fwd.getCallId().getCallId(),
                    fwd.getCSeq().getSeqNumber());
        }
        if (unique == null) {
            unique = lane.state().nextUnique();
        }
        String branch = loopHash == null ? Branches.forRequest(unique) : Branches.forRequest(loopHash, unique);
        Via via = p.identity().via(out, branch);
        Messages.prepend(fwd, via);
        viaAdded = true;

        byte[] bytes = fwd.encodeAsBytes(out.viaName());
        currentLabel = hop.label();
        if (invite) {
            InviteClientTransaction tx = new InviteClientTransaction(tctx, branch, hop.target(), bytes,
                    sentRequest(via), this);
            current = tx;
            tx.start();
            restartTimerC();
        } else {
            current = new NonInviteClientTransaction(tctx, branch, fwd.getMethod(), hop.target(), bytes, null, this);
            current.start();
        }
        if (hop.destination() != null) {
            // Failover timer for new calls only: an in-dialog request has nowhere else to go, so its transaction's
            // own retransmissions and Timer B/F decide (a 2 s limit would turn packet loss into 408s).
            ClientTransaction tx = current;
            firstResponseTimer = lane.timers().schedule(p.config().timers().firstResponseMs(), () -> noResponse(tx));
        }
    }

    /** A fresh copy of the request as received, with its numbers in the format of the carrier of {@code hop}. */
    private SIPRequest rewrittenFor(Hop hop) {
        SIPRequest copy = (SIPRequest) asReceived.clone();
        String carrier = hop.destination() == null ? null : p.carrierOf(hop.destination());
        RequestRewriter.Rewrite rewrite = outboundRewriter.outbound(copy, carrier);
        if (rewrite instanceof RequestRewriter.Rewrite.Reject reject) {
            throw new RejectedAttempt(reject);
        }
        recordRoutesAdded = 0; // the copy carries none of the previous attempt's Record-Route or Via
        viaAdded = false;
        return ((RequestRewriter.Rewrite.Forward) rewrite).request();
    }

    private static final class RejectedAttempt extends RuntimeException {
        final RequestRewriter.Rewrite.Reject rejection;

        RejectedAttempt(RequestRewriter.Rewrite.Reject rejection) {
            super(null, null, false, false);
            this.rejection = rejection;
        }
    }

    static SipUri rewrite(SipUri original, Hop hop, Transport out) throws ParseException {
        SipUri uri = (SipUri) original.clone();
        java.net.InetSocketAddress a = hop.destination().address();
        uri.setHost(a.getAddress().getHostAddress());
        uri.setPort(a.getPort());
        uri.removeParameter("maddr");
        uri.removeParameter("transport");
        if (out != Transport.UDP) {
            uri.setTransportParam(out.paramName());
        }
        return uri;
    }

    private SentRequest sentRequest(Via via) {
        RouteList routes = fwd.getRouteHeaders();
        return new SentRequest(fwd.getRequestURI(), via, (gov.nist.javax.sip.header.SIPHeader) fwd.getFrom(),
                (gov.nist.javax.sip.header.SIPHeader) fwd.getTo(), (gov.nist.javax.sip.header.SIPHeader) fwd.getCallId(),
                fwd.getCSeq().getSeqNumber(), routes == null || routes.isEmpty() ? null : routes);
    }

    // ---- responses and timers from the client transactions ----

    @Override
    public void onResponse(ClientTransaction tx, SIPResponse response) {
        int status = response.getStatusCode();
        if (tx != current) {
            lateResponse(tx, response, status);
            return;
        }
        cancel(firstResponseTimer);
        if (status < 200) {
            if (status > 100) {
                restartTimerC();
                relay(response, status);
            }
            return;
        }
        cancel(timerC);
        if (status < 300) {
            if (!logged) {
                attemptEnded(Integer.toString(status), false, false);
                if (slot != null) {
                    lane.state().establishedCalls.answered(fwd.getCallId().getCallId(), slot,
                            lane.timers().clock().nanoTime());
                    slot = null;
                }
            }
            relay(response, status);
            finish(status);
            return;
        }
        attemptEnded(Integer.toString(status), retryable(status), status == 503);
        lastFinal = response;
        if (!cancelled && !stx.hasFinalResponse() && retryable(status) && tryNextHop()) {
            return;
        }
        relayFinal(response, status);
    }

    /** A response on a branch the proxy already left (after a timeout or a failover). */
    private void lateResponse(ClientTransaction tx, SIPResponse response, int status) {
        if (status >= 200 && status < 300) {
            // RFC 3261 §16.7 step 5: every 2xx goes upstream. The call is answered there: stop the current branch.
            relay(response, status);
            if (current instanceof InviteClientTransaction c && c != tx) {
                c.cancel();
                c.abandon();
                attemptEnded("cancelled (answered elsewhere)", false, false);
            }
            cancel(firstResponseTimer);
            cancel(timerC);
            finish(status);
        }
    }

    @Override
    public void onTimeout(ClientTransaction tx) {
        if (tx == current) {
            giveUpOnCurrent("timeout");
        }
    }

    @Override
    public void onTransportError(ClientTransaction tx, Throwable cause) {
        if (tx == current) {
            cancel(firstResponseTimer);
            attemptEnded("transport-error", true, true);
            if (!cancelled && !stx.hasFinalResponse() && tryNextHop()) {
                return;
            }
            concludeWithoutAnswer(503, "Service Unavailable");
        }
    }

    /** The first-response timer: not even a 100 from this hop. */
    private void noResponse(ClientTransaction tx) {
        if (tx == current && !tx.provisionalReceived() && !tx.isTerminated()) {
            giveUpOnCurrent("timeout");
        }
    }

    private void giveUpOnCurrent(String why) {
        cancel(firstResponseTimer);
        cancel(timerC);
        attemptEnded(why, true, true);
        sawTimeout = true;
        abandonCurrent();
        if (!cancelled && !stx.hasFinalResponse() && tryNextHop()) {
            return;
        }
        concludeWithoutAnswer(408, "Request Timeout");
    }

    private void abandonCurrent() {
        if (current instanceof InviteClientTransaction c) {
            c.cancel(); // goes out only if the branch ever rings
        }
        current.abandon();
    }

    private void restartTimerC() {
        cancel(timerC);
        timerC = lane.timers().schedule(p.config().timers().timerCMs(), this::timerC);
    }

    /** Timer C (RFC 3261 §16.8): a call that rings for too long is cancelled and answered 408. */
    private void timerC() {
        if (stx.hasFinalResponse()) {
            return;
        }
        attemptEnded("timer-c", false, false);
        abandonCurrent();
        respondLocally(408, "Request Timeout");
    }

    // ---- CANCEL from upstream ----

    @Override
    public void onCancel(ServerTransaction tx) {
        if (cancelled || stx.hasFinalResponse()) {
            return;
        }
        cancelled = true;
        cancel(firstResponseTimer);
        if (current instanceof InviteClientTransaction c) {
            c.cancel();
            if (c.provisionalReceived()) {
                // The callee answers the CANCEL with 487 to the INVITE, which is relayed; guard against silence.
                lane.timers().schedule(64 * p.config().timers().t1Ms(), () -> {
                    if (!stx.hasFinalResponse()) {
                        respondLocally(487, "Request Terminated");
                    }
                });
                return;
            }
        }
        // Nothing heard from downstream yet: the caller need not wait for it.
        respondLocally(487, "Request Terminated");
    }

    // ---- sending upstream ----

    private void relay(SIPResponse response, int status) {
        response.getViaHeaders().removeFirst();
        Via top = response.getTopmostVia();
        if (top == null) {
            return;
        }
        stx.sendResponse(status, response.encodeAsBytes(top.getTransport()));
    }

    private void relayFinal(SIPResponse response, int status) {
        if (status == 503) {
            // RFC 3261 §16.7 step 6: a relayed 503 would tell the caller that Sipfront itself is unavailable.
            try {
                response.setStatusCode(500);
            } catch (ParseException e) {
                throw new IllegalStateException(e);
            }
            response.setReasonPhrase("Server Internal Error");
            status = 500;
        }
        relay(response, status);
        finish(status);
    }

    private void concludeWithoutAnswer(int status, String reason) {
        if (stx.hasFinalResponse()) {
            return;
        }
        if (cancelled) {
            respondLocally(487, "Request Terminated");
        } else if (lastFinal != null) {
            relayFinal(lastFinal, lastFinal.getStatusCode());
        } else {
            respondLocally(sawTimeout ? 408 : status, sawTimeout ? "Request Timeout" : reason);
        }
    }

    private void respondLocally(int status, String reason) {
        if (stx.hasFinalResponse()) {
            return;
        }
        cancel(firstResponseTimer);
        cancel(timerC);
        stx.sendResponse(status, LocalResponses.build(stx.request(), status, reason));
        finish(status);
    }

    private void finish(int status) {
        if (logged) {
            return;
        }
        logged = true;
        if (status >= 300) {
            attemptEnded(status == 487 ? "cancelled" : "no answer", false, false);
            releaseSlot();
        }
        if (audit != null) {
            audit.finish(status);
            p.routing().metrics().callFinished(inboundCall, status);
        }
        // Only 2xx retransmissions may still pass through: the copy of the request is no longer needed.
        fwd = null;
        originalUri = null;
        asReceived = null;
        if (record != null) {
            record.finish(status, lane.timers().clock().nanoTime());
            p.stats().callsByClass[Math.min(6, status / 100)].increment();
            p.callLog().finished(record);
        }
    }

    private void noteAttempt(String label, String result) {
        if (record != null) {
            record.attempt(label, result);
        }
    }

    private static boolean retryable(int status) {
        return status == 408 || (status >= 500 && status < 600);
    }

    private static void cancel(Timeout t) {
        if (t != null) {
            t.cancel();
        }
    }
}
