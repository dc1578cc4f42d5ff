package io.sipfront.core.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.transport.OutboundTarget;

/** RFC 3261 §17.2.2 non-INVITE server transaction. */
public final class NonInviteServerTransaction extends ServerTransaction {
    private NonInviteServerTransaction(TransactionContext ctx, String key, SIPRequest request, OutboundTarget target) {
        super(ctx, key, request, target);
    }

    public static NonInviteServerTransaction start(TransactionContext ctx, String key, SIPRequest request,
                                                   OutboundTarget responseTarget) {
        NonInviteServerTransaction tx = new NonInviteServerTransaction(ctx, key, request, responseTarget);
        ctx.table().add(tx);
        return tx;
    }

    @Override
    public void onRetransmission() {
        // Trying: nothing to repeat yet. Proceeding/Completed: repeat the latest response.
        if (lastResponse != null) {
            transmit(lastResponse);
        }
    }

    @Override
    public void sendResponse(int status, byte[] bytes) {
        if (hasFinalResponse() || terminated) {
            return;
        }
        lastStatus = status;
        lastResponse = bytes;
        transmit(bytes);
        if (status >= 200) {
            releaseAfterFinal();
            // Timer J: absorb request retransmissions for 64*T1 on UDP.
            ctx.timers().schedule(reliable() ? 0 : ctx.timeout64(), this::terminate);
        }
    }
}
