package io.sipfront.core.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.time.Timeout;
import io.sipfront.core.transport.OutboundTarget;

/**
 * RFC 3261 §17.2.1 INVITE server transaction with the RFC 6026 "Accepted" state: after a 2xx it stays for 64*T1
 * so that a retransmitted INVITE is absorbed rather than forwarded again, while 2xx retransmissions from
 * downstream still pass upstream.
 */
public final class InviteServerTransaction extends ServerTransaction {
    enum State { PROCEEDING, COMPLETED, CONFIRMED, ACCEPTED, TERMINATED }

    private State state = State.PROCEEDING;
    private Timeout timerG;
    private Timeout timerH;
    private long gInterval;

    private InviteServerTransaction(TransactionContext ctx, String key, SIPRequest request, OutboundTarget target) {
        super(ctx, key, request, target);
    }

    /** Creates, registers and answers {@code 100 Trying} at once (the bytes are built by the caller). */
    public static InviteServerTransaction start(TransactionContext ctx, String key, SIPRequest request,
                                                OutboundTarget responseTarget, byte[] trying) {
        InviteServerTransaction tx = new InviteServerTransaction(ctx, key, request, responseTarget);
        ctx.table().add(tx);
        tx.sendResponse(100, trying);
        return tx;
    }

    State state() {
        return state;
    }

    @Override
    public void onRetransmission() {
        // Proceeding: repeat the latest provisional; Completed: the final. Accepted/Confirmed absorb silently.
        if ((state == State.PROCEEDING || state == State.COMPLETED) && lastResponse != null) {
            transmit(lastResponse);
        }
    }

    /** An ACK matched this transaction: the ACK for our non-2xx final response. */
    public void onAck() {
        if (state != State.COMPLETED) {
            return;
        }
        state = State.CONFIRMED;
        cancel(timerG);
        cancel(timerH);
        // Timer I: absorb ACK retransmissions for T4 on UDP.
        ctx.timers().schedule(reliable() ? 0 : ctx.settings().t4Ms(), this::end);
    }

    @Override
    public void sendResponse(int status, byte[] bytes) {
        switch (state) {
            case PROCEEDING:
                lastStatus = status;
                lastResponse = bytes;
                transmit(bytes);
                if (status >= 200) {
                    releaseAfterFinal();
                }
                if (status >= 300) {
                    state = State.COMPLETED;
                    if (!reliable()) {
                        gInterval = ctx.settings().t1Ms();
                        timerG = ctx.timers().schedule(gInterval, this::retransmitFinal);
                    }
                    timerH = ctx.timers().schedule(ctx.timeout64(), this::end);
                } else if (status >= 200) {
                    accept();
                }
                break;
            case ACCEPTED:
                // Retransmissions of the 2xx (or 2xx from another branch) travel upstream unchanged.
                if (status >= 200 && status < 300) {
                    transmit(bytes);
                }
                break;
            default:
                break;
        }
    }

    private void accept() {
        state = State.ACCEPTED;
        lastResponse = null; // Accepted absorbs retransmitted INVITEs silently
        ctx.timers().schedule(ctx.timeout64(), this::end); // Timer L
    }

    private void retransmitFinal() {
        if (state != State.COMPLETED) {
            return;
        }
        transmit(lastResponse);
        gInterval = Math.min(2 * gInterval, ctx.settings().t2Ms());
        timerG = ctx.timers().schedule(gInterval, this::retransmitFinal);
    }

    private void end() {
        cancel(timerG);
        cancel(timerH);
        state = State.TERMINATED;
        terminate();
    }

    private static void cancel(Timeout t) {
        if (t != null) {
            t.cancel();
        }
    }
}
