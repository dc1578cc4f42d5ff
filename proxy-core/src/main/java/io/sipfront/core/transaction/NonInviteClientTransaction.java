package io.sipfront.core.transaction;

import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.transport.OutboundTarget;

/** RFC 3261 §17.1.2 non-INVITE client transaction (also used for the CANCELs the proxy sends). */
public final class NonInviteClientTransaction extends ClientTransaction {
    enum State { TRYING, PROCEEDING, COMPLETED, TERMINATED }

    private State state = State.TRYING;

    public NonInviteClientTransaction(TransactionContext ctx, String branch, String method, OutboundTarget target,
                                      byte[] requestBytes, SentRequest sent, ClientTransactionUser user) {
        super(ctx, branch, method, target, requestBytes, sent, user);
    }

    State state() {
        return state;
    }

    @Override
    void retransmit() {
        if ((state != State.TRYING && state != State.PROCEEDING) || abandoned) {
            return;
        }
        transmit();
        retransmitInterval = state == State.TRYING ? Math.min(2 * retransmitInterval, ctx.settings().t2Ms())
                : ctx.settings().t2Ms();
        retransmitTimer = ctx.timers().schedule(retransmitInterval, this::retransmit);
    }

    @Override
    void timeout() {
        if (state == State.COMPLETED || state == State.TERMINATED || abandoned) {
            return;
        }
        end();
        user.onTimeout(this);
    }

    @Override
    void handleResponse(SIPResponse response, int status) {
        if (state != State.TRYING && state != State.PROCEEDING) {
            return; // Completed: retransmitted finals are absorbed
        }
        if (status < 200) {
            state = State.PROCEEDING;
        } else {
            state = State.COMPLETED;
            cancelTimers();
            releaseRequest();
            // Timer K: absorb retransmitted finals for T4 on UDP.
            ctx.timers().schedule(target().transport().reliable() ? 0 : ctx.settings().t4Ms(), this::end);
        }
        user.onResponse(this, response);
    }

    @Override
    public void abandon() {
        if (abandoned || terminated) {
            return;
        }
        abandoned = true;
        cancelTimers();
        ctx.timers().schedule(ctx.settings().t4Ms(), this::end);
    }

    @Override
    protected void end() {
        state = State.TERMINATED;
        super.end();
    }
}
