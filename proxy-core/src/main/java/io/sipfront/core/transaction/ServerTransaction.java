package io.sipfront.core.transaction;

import gov.nist.javax.sip.message.SIPRequest;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.core.transport.SendFailureListener;

/**
 * The upstream side of a proxied request (RFC 3261 §17.2): absorbs retransmissions by re-sending the latest
 * response, and retransmits final responses over UDP until acknowledged.
 */
public abstract class ServerTransaction {
    protected final TransactionContext ctx;
    private final String key;
    private SIPRequest request;
    private final OutboundTarget responseTarget;
    private ServerTransactionUser user;
    protected byte[] lastResponse;
    protected int lastStatus;
    protected boolean terminated;

    ServerTransaction(TransactionContext ctx, String key, SIPRequest request, OutboundTarget responseTarget) {
        this.ctx = ctx;
        this.key = key;
        this.request = request;
        this.responseTarget = responseTarget;
    }

    public String key() {
        return key;
    }

    /**
     * The request as it arrived (never modified: local responses are built from it); null once a final response
     * has been sent, as nothing needs it then and a transaction may live on for 64*T1.
     */
    public SIPRequest request() {
        return request;
    }

    public ServerTransactionUser user() {
        return user;
    }

    public void setUser(ServerTransactionUser user) {
        this.user = user;
    }

    /** Status of the latest response sent, 0 before any. */
    public int lastStatus() {
        return lastStatus;
    }

    public boolean isTerminated() {
        return terminated;
    }

    /** Whether a final response has been sent. */
    public boolean hasFinalResponse() {
        return lastStatus >= 200;
    }

    /** The same request arrived again. */
    public abstract void onRetransmission();

    /** Sends a response the proxy chose (forwarded or local) upstream. */
    public abstract void sendResponse(int status, byte[] bytes);

    /** Drops what only the time before the final response needed, so a lingering transaction stays small. */
    protected final void releaseAfterFinal() {
        request = null;
        user = null;
    }

    protected final void transmit(byte[] bytes) {
        ctx.sender().send(responseTarget, bytes, SendFailureListener.IGNORE);
    }

    protected final void terminate() {
        if (!terminated) {
            terminated = true;
            ctx.table().remove(this);
            if (user != null) {
                user.onServerTransactionTerminated(this);
            }
        }
    }

    protected final boolean reliable() {
        return responseTarget.transport().reliable();
    }
}
