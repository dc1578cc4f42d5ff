package io.sipfront.core.transaction;

import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.core.time.Timeout;
import io.sipfront.core.transport.OutboundTarget;
import java.util.Objects;

/** The downstream side of a proxied request (RFC 3261 §17.1). */
public abstract class ClientTransaction {
    protected final TransactionContext ctx;
    private final String branch;
    private final String method;
    private final OutboundTarget target;
    private byte[] requestBytes;
    private SentRequest sent;
    /** Who gets the responses; replaced by a smaller one once the proxy's decisions are made ({@link #handOver}). */
    protected ClientTransactionUser user;
    protected boolean terminated;
    /** The user moved on (failover, cancel): stop retransmitting, but still absorb and acknowledge late responses. */
    protected boolean abandoned;
    private boolean provisionalReceived;
    /** Timer A or E: retransmissions over UDP. */
    protected Timeout retransmitTimer;
    /** Timer B or F: no final response in 64*T1. */
    protected Timeout timeoutTimer;
    protected long retransmitInterval;

    ClientTransaction(TransactionContext ctx, String branch, String method, OutboundTarget target,
                      byte[] requestBytes, SentRequest sent, ClientTransactionUser user) {
        this.ctx = ctx;
        this.branch = branch;
        this.method = method;
        this.target = target;
        this.requestBytes = requestBytes;
        this.sent = sent;
        this.user = user;
    }

    static String key(String branch, String method) {
        return branch + ' ' + method;
    }

    String key() {
        return key(branch, method);
    }

    public String branch() {
        return branch;
    }

    public String method() {
        return method;
    }

    public OutboundTarget target() {
        return target;
    }

    public SentRequest sent() {
        return sent;
    }

    public boolean isTerminated() {
        return terminated;
    }

    /** Who gets this transaction's responses now. */
    public ClientTransactionUser user() {
        return user;
    }

    /**
     * Gives the rest of this transaction's life to {@code next}. An answered INVITE lingers 64*T1 in Accepted only to
     * pass 2xx retransmissions up; handing it a user that does just that lets the proxy's whole state for the request
     * go at once instead of being copied by every young collection for 32 s.
     */
    public void handOver(ClientTransactionUser next) {
        this.user = Objects.requireNonNull(next, "next");
    }

    /** Whether any provisional response (100 included) has arrived: a CANCEL may be sent only after one. */
    public boolean provisionalReceived() {
        return provisionalReceived;
    }

    /** Registers the transaction and sends the request. */
    public final void start() {
        ctx.table().add(this);
        transmit();
        startTimers();
    }

    /** Retransmissions from T1 (UDP only) and the 64*T1 timeout: the same start for INVITE and non-INVITE. */
    private void startTimers() {
        if (!target.transport().reliable()) {
            retransmitInterval = ctx.settings().t1Ms();
            retransmitTimer = ctx.timers().schedule(retransmitInterval, this::retransmit);
        }
        timeoutTimer = ctx.timers().schedule(ctx.timeout64(), this::timeout);
    }

    /** Timer A / E fired. */
    abstract void retransmit();

    /** Timer B / F fired. */
    abstract void timeout();

    /** A response whose top Via carries this transaction's branch and whose CSeq method is ours. */
    public final void onResponse(SIPResponse response) {
        if (terminated) {
            return;
        }
        if (response.getStatusCode() < 200) {
            provisionalReceived = true;
        }
        handleResponse(response, response.getStatusCode());
    }

    abstract void handleResponse(SIPResponse response, int status);

    /** Stops retransmissions and timeouts; late responses are still matched, absorbed and acknowledged. */
    public abstract void abandon();

    protected final void transmit() {
        if (requestBytes == null) {
            return;
        }
        ctx.sender().send(target, requestBytes, (t, cause) -> ctx.lane().execute(() -> onSendFailure(cause)));
    }

    /** Called once the request will not be sent again nor acknowledged/cancelled from its snapshot. */
    protected final void releaseRequest() {
        requestBytes = null;
    }

    protected final void releaseSnapshot() {
        sent = null;
    }

    protected final void send(byte[] bytes) {
        ctx.sender().send(target, bytes, (t, cause) -> { });
    }

    private void onSendFailure(Throwable cause) {
        if (terminated || abandoned) {
            return;
        }
        end();
        user.onTransportError(this, cause);
    }

    protected void end() {
        if (!terminated) {
            terminated = true;
            cancelTimers();
            ctx.table().remove(this);
        }
    }

    /** Cancels Timers A/E and B/F and lets go of them: a transaction may linger 32 s after they stop mattering. */
    final void cancelTimers() {
        cancel(retransmitTimer);
        cancel(timeoutTimer);
        retransmitTimer = null;
        timeoutTimer = null;
    }

    protected static void cancel(Timeout t) {
        if (t != null) {
            t.cancel();
        }
    }
}
