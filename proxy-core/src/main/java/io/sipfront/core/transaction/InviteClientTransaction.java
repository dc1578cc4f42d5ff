package io.sipfront.core.transaction;

import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.transport.OutboundTarget;

/**
 * RFC 3261 §17.1.1 INVITE client transaction with RFC 6026's "Accepted" state: after a 2xx it stays 64*T1 (Timer M)
 * so that 2xx retransmissions are passed up and forwarded. The ACK for a non-2xx final response is generated here,
 * hop by hop, and repeated for every retransmission of that response (Timer D).
 */
public final class InviteClientTransaction extends ClientTransaction {
    enum State { CALLING, PROCEEDING, COMPLETED, ACCEPTED, TERMINATED }

    private State state = State.CALLING;
    private byte[] ack;
    private boolean cancelPending;
    private boolean cancelSent;

    public InviteClientTransaction(TransactionContext ctx, String branch, OutboundTarget target, byte[] requestBytes,
                                   SentRequest sent, ClientTransactionUser user) {
        super(ctx, branch, "INVITE", target, requestBytes, sent, user);
    }

    State state() {
        return state;
    }

    @Override
    void retransmit() {
        if (state != State.CALLING || abandoned) {
            return;
        }
        transmit();
        retransmitInterval *= 2; // Timer A doubles without the T2 cap
        retransmitTimer = ctx.timers().schedule(retransmitInterval, this::retransmit);
    }

    @Override
    void timeout() {
        if (state != State.CALLING || abandoned) {
            return;
        }
        end();
        user.onTimeout(this);
    }

    @Override
    void handleResponse(SIPResponse response, int status) {
        switch (state) {
            case CALLING:
            case PROCEEDING:
                // Any response ends Timer A (no more retransmissions of the INVITE) and Timer B: from here the
                // proxy's Timer C (1xx), Timer M (2xx) or Timer D (the rest) guard the transaction.
                cancelTimers();
                releaseRequest();
                if (status < 200) {
                    state = State.PROCEEDING;
                    if (cancelPending) {
                        sendCancel();
                    }
                } else if (status < 300) {
                    state = State.ACCEPTED;
                    releaseSnapshot();
                    ctx.timers().schedule(ctx.timeout64(), this::end); // Timer M
                } else {
                    state = State.COMPLETED;
                    ack = sent().ack(((gov.nist.javax.sip.header.To) response.getTo()).encode());
                    releaseSnapshot();
                    send(ack);
                    // Timer D: at least 32 s on UDP to acknowledge retransmitted final responses.
                    ctx.timers().schedule(target().transport().reliable() ? 0 : Math.max(32_000, ctx.timeout64()),
                            this::end);
                }
                user.onResponse(this, response);
                break;
            case ACCEPTED:
                if (status >= 200 && status < 300) {
                    user.onResponse(this, response);
                }
                break;
            case COMPLETED:
                if (status >= 300) {
                    send(ack);
                }
                break;
            default:
                break;
        }
    }

    /**
     * Asks the callee to stop (RFC 3261 §9.1). A CANCEL may only follow a provisional response: before one has
     * arrived the CANCEL waits and goes out with the first provisional, if any ever comes.
     */
    public void cancel() {
        if (cancelSent || terminated || (state != State.CALLING && state != State.PROCEEDING)) {
            return;
        }
        if (provisionalReceived()) {
            sendCancel();
        } else {
            cancelPending = true;
        }
    }

    private void sendCancel() {
        cancelSent = true;
        cancelPending = false;
        new NonInviteClientTransaction(ctx, branch(), "CANCEL", target(), sent().cancel(), sent(),
                ClientTransactionUser.NONE).start();
    }

    @Override
    public void abandon() {
        if (abandoned || terminated) {
            return;
        }
        abandoned = true;
        cancelTimers();
        if (state == State.CALLING || state == State.PROCEEDING) {
            // Keep matching for as long as Timer B would have: a late final still gets its ACK.
            ctx.timers().schedule(ctx.timeout64(), this::end);
        }
    }

    @Override
    protected void end() {
        state = State.TERMINATED;
        super.end();
    }
}
