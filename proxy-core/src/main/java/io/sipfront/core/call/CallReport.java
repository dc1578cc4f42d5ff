package io.sipfront.core.call;

import io.sipfront.core.edge.Admission;
import io.sipfront.core.lane.CallEnding;
import java.net.InetSocketAddress;

/**
 * Where the proxy writes what happens to one forwarded request: into its {@link CallSetup} and, once per event, to
 * the observers. Requests that are not call setups (in-dialog requests, other methods) get {@link #NONE}, so the
 * forwarding code reports the same way for every request.
 */
public class CallReport implements CallEnding {
    /** Records nothing: a request that is not a call setup. */
    public static final CallReport NONE = new CallReport(null, CallObserver.NONE);

    private final CallSetup call;
    private final CallObserver observer;

    private CallReport(CallSetup call, CallObserver observer) {
        this.call = call;
        this.observer = observer;
    }

    public static CallReport of(CallSetup call, CallObserver observer) {
        return new CallReport(call, observer);
    }

    public void attemptStarted(int number) {
        if (call != null) {
            observer.attemptStarted(call, number);
        }
    }

    public void attemptEnded(AttemptRecord attempt) {
        if (call != null) {
            call.add(attempt);
            observer.attemptEnded(call, attempt);
        }
    }

    /** The inbound limits' slots of the call ({@link Admission#FREE} for requests that are not call setups). */
    public Admission admission() {
        return call == null ? Admission.FREE : call.admission();
    }

    /** A call setup (not {@link #NONE}): its answer is worth remembering until the BYE. */
    public boolean isCallSetup() {
        return call != null;
    }

    /**
     * A ringing (18x) from destination {@code id} of {@code set} was relayed; only the first of the call is told.
     */
    public void provisional(String set, String id, int status, long nowNanos) {
        if (call != null && call.provisional(set, id, nowNanos)) {
            observer.provisional(call, status);
        }
    }

    /** The answered call ended: its BYE came from {@code byeFrom}, or (null) it expired without one. */
    @Override
    public void ended(InetSocketAddress byeFrom, long nowNanos) {
        if (call == null || call.hangup() != null) {
            return;
        }
        CallSetup.Hangup who = byeFrom == null ? CallSetup.Hangup.NO_BYE
                : byeFrom.getAddress().getHostAddress().equals(call.sourceAddress()) ? CallSetup.Hangup.CALLER
                : CallSetup.Hangup.CALLEE;
        call.ended(who, nowNanos);
        observer.callEnded(call);
    }

    /** The final answer went to the caller; reported once, later calls are ignored. */
    public void finalAnswer(int status, long nowNanos) {
        if (call != null && !call.finished()) {
            call.finish(status, nowNanos);
            observer.finalAnswer(call);
        }
    }
}
