package io.sipfront.core.proxy;

import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.call.AttemptRecord;
import io.sipfront.core.call.CallReport;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.tls.TlsHandshakeException;
import io.sipfront.core.transaction.ClientTransaction;
import io.sipfront.core.transaction.ClientTransactionUser;
import io.sipfront.core.transaction.InviteClientTransaction;
import io.sipfront.core.transaction.NonInviteClientTransaction;
import io.sipfront.core.transaction.ServerTransaction;
import io.sipfront.core.transaction.ServerTransactionUser;
import io.sipfront.dispatcher.DestinationHealth;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The failover machine of one forwarded request (RFC 3261 §16.6–16.8 and §16.10): tries its hops one at a time in
 * routing order and, on each outcome, decides what comes next: the next attempt, or the caller's final answer. A
 * 408, a 5xx, a transport error or silence past the first-response timer moves on to the next hop; 1xx (not 100)
 * and 2xx go up at once; any other final answer goes up and ends it.
 *
 * <p>A 401/407 from a carrier with an account is answered here, never relayed (RFC 3261 §22.2): the same
 * destination gets the request again, built from the request as received with CSeq+1, a new branch and the
 * credentials. A second challenge on one attempt means wrong credentials and ends the attempt (a {@code stale=true}
 * nonce is answered once more). Challenges of carriers without an account go up unchanged, and the destination is
 * pinned so the caller's authenticated retry goes back to it.
 *
 * <p>It owns the request's timers ({@link RequestTimers}, on the lane's wheel): the first-response timer, Timer C
 * and the 487 guard after a CANCEL.
 */
final class FailoverMachine implements ServerTransactionUser, ClientTransactionUser {
    private static final Logger log = LoggerFactory.getLogger(FailoverMachine.class);

    private final ProxyContext p;
    private final Lane lane;
    private final Upstream upstream;
    private final String callId;
    private List<Hop> hops;
    private final ForwardingPlan plan;
    private final CallReport report;
    private final int retryAfterSeconds;
    private final boolean invite;
    private final int maxAttempts;
    /** The request as received, Route and Max-Forwards processed; every attempt starts from it. Null once answered. */
    private SIPRequest asReceived;

    private int nextHop;
    private int attempts;
    private AttemptInFlight current;
    /** How the last attempt sent ended, for the next one's reason ("failover after 503"). */
    private String lastResult;
    private final Outcomes outcomes = new Outcomes();
    private boolean cancelled;
    private boolean finished;
    private final RequestTimers timers;
    private final CarrierChallenges challenges;

    /**
     * @param asReceived        a private copy of the request, Route and Max-Forwards already processed
     * @param report            where the call setup's story goes ({@link CallReport#NONE} for other requests)
     * @param retryAfterSeconds the Retry-After of a 503 when no hop can take the request (0: none)
     */
    FailoverMachine(ProxyContext p, Lane lane, ServerTransaction stx, SIPRequest asReceived, List<Hop> hops,
                    ForwardingPlan plan, CallReport report, int retryAfterSeconds) {
        this.p = p;
        this.lane = lane;
        this.upstream = new Upstream(stx);
        this.callId = asReceived.getCallId().getCallId();
        this.asReceived = asReceived;
        this.hops = hops;
        this.plan = plan;
        this.report = report;
        this.retryAfterSeconds = retryAfterSeconds;
        this.invite = javax.sip.message.Request.INVITE.equals(asReceived.getMethod());
        this.maxAttempts = Math.max(1, p.config().proxy().maxAttempts());
        this.timers = new RequestTimers(lane.timers(), p.config().timers());
        this.challenges = new CarrierChallenges(p, lane, callId);
        stx.setUser(this);
    }

    void start() {
        hops = challenges.pinned(asReceived, hops);
        if (!tryNextHop()) {
            concludeWithoutAnswer();
        }
    }

    /** Answers locally without trying any hop: the inbound number rules refused the call. */
    void refuse(RequestRewriter.Rewrite.Reject rejection) {
        report.attemptEnded(new AttemptRecord(null, null, "numbering", null, "rejected-" + rejection.status(),
                AttemptRecord.Kind.REFUSED_BY_NUMBERING));
        respondLocally(rejection.status(), rejection.reason());
    }

    /** Answers 503 with Retry-After without trying any hop: an inbound limit refused the call. */
    void refuseForLimit(int retryAfterSeconds) {
        if (upstream.answered()) {
            return;
        }
        timers.stopAll();
        upstream.respondUnavailable(retryAfterSeconds);
        finish(503);
    }

    // ---- attempts ----

    /** Starts the next attempt; false when no hop or attempt is left. */
    private boolean tryNextHop() {
        while (asReceived != null && nextHop < hops.size() && attempts < maxAttempts) {
            Hop hop = hops.get(nextHop++);
            if (hop.target().address().isUnresolved()) {
                // DNS has not answered for its name yet: the call goes on to the next destination, health untouched.
                report.attemptEnded(AttemptInFlight.record(hop, reasonFor(hop, false), "not resolved yet",
                        AttemptRecord.Kind.SKIPPED_FOR_LIMIT));
                continue;
            }
            DestinationHealth slot = invite ? hop.health() : null;
            if (slot != null && !slot.tryStartCall()) {
                // Full (max_calls / max_cps): not a failure of the destination, and not an attempt.
                report.attemptEnded(AttemptInFlight.record(hop, reasonFor(hop, false), "limit reached",
                        AttemptRecord.Kind.SKIPPED_FOR_LIMIT));
                continue;
            }
            attempts++;
            if (attempts > 1) {
                p.stats().failovers.increment();
            }
            report.attemptStarted(attempts);
            if (send(hop, slot)) {
                return true;
            }
        }
        return false;
    }

    /** Sends one attempt to {@code hop}; false when it did not go out (refused numbers, internal error). */
    private boolean send(Hop hop, DestinationHealth slot) {
        String reason = reasonFor(hop, true);
        // An attempt that a challenge may make us repeat must leave the request as received intact.
        boolean last = (nextHop >= hops.size() || attempts >= maxAttempts) && !challenges.mayChallenge(hop);
        String branch = plan.branch(attempts, lane.state()::nextUnique);
        Attempt.Ready ready;
        try {
            Attempt.Outcome outcome = Attempt.build(asReceived, last, hop, branch, plan, null);
            if (outcome instanceof Attempt.Refused refused) {
                // This carrier's number rules refuse the number; another carrier's may accept it. Not a failure of
                // the destination: its health is left alone.
                outcomes.refusedByNumbering(refused.rejection());
                report.attemptEnded(AttemptInFlight.record(hop, reason, "rejected-" + refused.rejection().status(),
                        AttemptRecord.Kind.REFUSED_BY_NUMBERING));
                release(slot);
                return false;
            }
            if (outcome instanceof Attempt.Insecure) {
                // SRTP keys would cross this leg in clear text: not the destination's fault, health untouched.
                outcomes.refusedInsecure();
                report.attemptEnded(AttemptInFlight.record(hop, reason, "refused-488",
                        AttemptRecord.Kind.REFUSED_INSECURE));
                release(slot);
                return false;
            }
            ready = (Attempt.Ready) outcome;
        } catch (RuntimeException e) {
            internalError(hop, reason, slot, e);
            return false;
        }
        ClientTransaction tx = transaction(hop, branch, ready);
        current = new AttemptInFlight(hop, reason, tx, slot, report, p.routing());
        startTransaction(hop, tx);
        return true;
    }

    private ClientTransaction transaction(Hop hop, String branch, Attempt.Ready ready) {
        return invite
                ? new InviteClientTransaction(lane.transactions(), branch, hop.target(), ready.bytes(),
                        ready.sent(), this)
                : new NonInviteClientTransaction(lane.transactions(), branch, ready.request().getMethod(),
                        hop.target(), ready.bytes(), null, this);
    }

    private void startTransaction(Hop hop, ClientTransaction tx) {
        tx.start();
        if (invite) {
            timers.restartTimerC(this::timerC);
        }
        if (hop.destination() != null) {
            // Failover timer for new calls only: an in-dialog request has nowhere else to go, so its transaction's
            // own retransmissions and Timer B/F decide (a 2 s limit would turn packet loss into 408s).
            timers.startFirstResponse(() -> noResponse(tx));
        }
    }

    /** A bug of ours while building an attempt: logged and counted, never held against the destination. */
    private void internalError(Hop hop, String reason, DestinationHealth slot, RuntimeException e) {
        p.stats().internalErrors.increment();
        log.error("internal error building the attempt to {} for call {}", hop.label(), callId, e);
        outcomes.internalError();
        report.attemptEnded(AttemptInFlight.record(hop, reason, "internal-error", AttemptRecord.Kind.SENT));
        release(slot);
    }

    /** Why {@code hop}: the algorithm's reason, after a failover prefixed with what the previous attempt got. */
    private String reasonFor(Hop hop, boolean attempt) {
        String why = hop.candidate() == null ? null : hop.candidate().reason();
        return attempt && lastResult != null ? "failover after " + lastResult + " (" + why + ")" : why;
    }

    private void endCurrent(String result, boolean failed, boolean suspicious) {
        if (current != null && current.open() && current.retries() > 0 && current.hop().destination() != null
                && !result.startsWith("2")) {
            challenges.dialogNotFormed(asReceived == null ? null : asReceived.getFromTag());
        }
        if (current != null && current.open()) {
            current.end(result, failed, suspicious);
            lastResult = result;
        }
    }

    // ---- responses and timers of the client transactions ----

    @Override
    public void onResponse(ClientTransaction tx, SIPResponse response) {
        int status = response.getStatusCode();
        if (current == null || tx != current.tx()) {
            lateResponse(tx, response, status);
            return;
        }
        timers.stopFirstResponse();
        if (status < 200) {
            if (status > 100) {
                timers.restartTimerC(this::timerC);
                current.provisional(status, lane.timers().clock().nanoTime());
                upstream.relay(response, status);
            }
            return;
        }
        timers.stopTimerC();
        if (status < 300) {
            if (!finished) {
                timers.stopAll(); // a 487 guard after a CANCEL is moot once answered, and would keep this machine
                endCurrent(Integer.toString(status), false, false);
                DestinationHealth slot = current.takeSlot();
                io.sipfront.core.edge.Admission admission = report.admission();
                if (slot != null || admission.holdsSlot() || report.isCallSetup()) {
                    lane.state().establishedCalls.answered(callId, slot, admission, lane.timers().clock().nanoTime(),
                            report);
                }
            }
            upstream.relay(response, status);
            finish(status);
            handOverAnswered(tx);
            return;
        }
        if ((status == 401 || status == 407) && !upstream.answered() && onChallenge(response)) {
            return;
        }
        boolean retryable = status == 408 || (status >= 500 && status < 600);
        endCurrent(Integer.toString(status), retryable, status == 503);
        outcomes.finalResponse(response);
        if (mayTryAgain(retryable) && tryNextHop()) {
            return;
        }
        finish(upstream.relayFinal(response));
    }

    // ---- carrier challenges ----

    /** A 401/407 on the current attempt; true when it was handled here (answered, or the attempt ended). */
    private boolean onChallenge(SIPResponse response) {
        CarrierChallenges.Decision decision = challenges.decide(response, current.hop(), current.retries(),
                current.staleAnswered(), asReceived);
        if (decision instanceof CarrierChallenges.Retry retry) {
            retryWithCredentials(current.hop(), retry);
            return true;
        }
        if (decision instanceof CarrierChallenges.Refuse refuse) {
            // Wrong credentials (or a challenge we cannot answer): the attempt ends, counted and logged; no loop.
            log.warn("call {}: carrier {} refused us: {}; failing over", callId, current.hop().label(), refuse.why());
            endCurrent("auth-failed", true, false); // a new call's offset goes with it: its dialog never formed
            outcomes.authFailed();
            if (!(mayTryAgain(true) && tryNextHop())) {
                concludeWithoutAnswer();
            }
            return true;
        }
        return false;
    }

    private void retryWithCredentials(Hop hop, CarrierChallenges.Retry retry) {
        int number = current.retries() + 1;
        String branch = plan.retryBranch(attempts, number, lane.state()::nextUnique);
        Attempt.Ready ready;
        try {
            // Always on a copy: the request as received must stay intact for a stale nonce's answer or a failover.
            ready = (Attempt.Ready) Attempt.build(asReceived, false, hop, branch, plan, retry.credentials());
        } catch (RuntimeException e) {
            p.stats().internalErrors.increment();
            log.error("internal error building the authenticated retry to {} for call {}", hop.label(), callId, e);
            endCurrent("internal-error", false, false);
            outcomes.internalError();
            if (!(mayTryAgain(true) && tryNextHop())) {
                concludeWithoutAnswer();
            }
            return;
        }
        log.debug("call {}: {} challenged; retrying with CSeq {}", callId, hop.label(), retry.credentials().cseq());
        challenges.retried(hop, number, asReceived);
        ClientTransaction tx = transaction(hop, branch, ready);
        current.retried(tx, retry.stale());
        startTransaction(hop, tx);
    }

    /** A response on a branch the proxy already left (after a timeout or a failover). */
    private void lateResponse(ClientTransaction tx, SIPResponse response, int status) {
        if (status < 200 || status >= 300) {
            return;
        }
        // RFC 3261 §16.7 step 5: every 2xx goes upstream. The call is answered there: stop the current branch.
        upstream.relay(response, status);
        if (current != null && current.tx() instanceof InviteClientTransaction c && c != tx) {
            c.cancel();
            c.abandon();
            endCurrent("cancelled (answered elsewhere)", false, false);
        }
        timers.stopAll();
        finish(status);
        handOverAnswered(tx);
    }

    /**
     * An INVITE branch that answered 2xx only relays retransmissions of that 2xx from now on: its transaction gets an
     * {@link AnsweredRelay}, so nothing else of this machine is kept for the 64*T1 the transaction lingers. Other
     * branches still waiting for a late answer keep the machine (a failover, rare).
     */
    private void handOverAnswered(ClientTransaction tx) {
        if (invite) {
            tx.handOver(new AnsweredRelay(upstream));
        }
    }

    @Override
    public void onTimeout(ClientTransaction tx) {
        if (current != null && tx == current.tx()) {
            giveUpOnCurrent();
        }
    }

    @Override
    public void onTransportError(ClientTransaction tx, Throwable cause) {
        if (current == null || tx != current.tx()) {
            return;
        }
        timers.stopFirstResponse();
        String tls = TlsHandshakeException.reasonOf(cause);
        if (tls != null && current.hop().health() != null) {
            current.hop().health().noteProblem(tls);
        }
        endCurrent(tls == null ? "transport-error" : "tls-failed: " + tls, true, true);
        outcomes.transportError();
        if (mayTryAgain(true) && tryNextHop()) {
            return;
        }
        concludeWithoutAnswer();
    }

    /** The first-response timer: not even a 100 from this hop. */
    private void noResponse(ClientTransaction tx) {
        if (current != null && tx == current.tx() && !tx.provisionalReceived() && !tx.isTerminated()) {
            giveUpOnCurrent();
        }
    }

    private void giveUpOnCurrent() {
        timers.stopAll();
        endCurrent("timeout", true, true);
        outcomes.timeout();
        abandonCurrent();
        if (mayTryAgain(true) && tryNextHop()) {
            return;
        }
        concludeWithoutAnswer();
    }

    private boolean mayTryAgain(boolean retryable) {
        return retryable && !cancelled && !upstream.answered();
    }

    private void abandonCurrent() {
        if (current.tx() instanceof InviteClientTransaction c) {
            c.cancel(); // goes out only if the branch ever rings
        }
        current.tx().abandon();
    }

    /** Timer C (RFC 3261 §16.8): a call that rings for too long is cancelled and answered 408. */
    private void timerC() {
        if (upstream.answered()) {
            return;
        }
        endCurrent("timer-c", false, false);
        abandonCurrent();
        respondLocally(408, "Request Timeout");
    }

    // ---- CANCEL from upstream ----

    @Override
    public void onCancel(ServerTransaction tx) {
        if (cancelled || upstream.answered()) {
            return;
        }
        cancelled = true;
        timers.stopFirstResponse();
        if (current != null && current.tx() instanceof InviteClientTransaction c) {
            c.cancel();
            if (c.provisionalReceived()) {
                // The callee answers the CANCEL with 487 to the INVITE, which is relayed; guard against silence.
                timers.start487Guard(() -> respondLocally(487, "Request Terminated"));
                return;
            }
        }
        // Nothing heard from downstream yet: the caller need not wait for it.
        respondLocally(487, "Request Terminated");
    }

    // ---- the caller's final answer ----

    /** No attempt is left: the best answer heard, or one of ours saying why. */
    private void concludeWithoutAnswer() {
        if (upstream.answered()) {
            return;
        }
        Outcomes.Answer answer = outcomes.whenNothingIsLeft(cancelled);
        if (answer instanceof Outcomes.Relay relay) {
            finish(upstream.relayFinal(relay.response()));
        } else if (answer instanceof Outcomes.Local local) {
            respondLocally(local.status(), local.reason());
        } else {
            timers.stopAll();
            upstream.respondUnavailable(retryAfterSeconds);
            finish(503);
        }
    }

    private void respondLocally(int status, String reason) {
        if (upstream.answered()) {
            return;
        }
        timers.stopAll();
        upstream.respond(status, reason);
        finish(status);
    }

    private void finish(int status) {
        if (finished) {
            return;
        }
        finished = true;
        if (status >= 300) {
            endCurrent(status == 487 ? "cancelled" : "no answer", false, false);
            if (current != null) {
                current.releaseSlot();
            }
            report.admission().release();
        }
        report.finalAnswer(status, lane.timers().clock().nanoTime());
        // Only 2xx retransmissions may still pass through: the request is no longer needed.
        asReceived = null;
    }

    private static void release(DestinationHealth slot) {
        if (slot != null) {
            slot.callEnded();
        }
    }
}
