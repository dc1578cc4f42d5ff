package io.sipfront.core.registration;

import gov.nist.javax.sip.address.SipUri;
import gov.nist.javax.sip.header.Contact;
import gov.nist.javax.sip.header.ContactList;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.config.AccountSettings;
import javax.sip.header.MinExpiresHeader;
import io.sipfront.config.RegistrationSettings;
import io.sipfront.core.auth.Challenge;
import io.sipfront.core.auth.DigestAnswer;
import io.sipfront.core.lane.Lane;
import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.core.time.Timeout;
import io.sipfront.core.transaction.ClientTransaction;
import io.sipfront.core.transaction.ClientTransactionUser;
import io.sipfront.core.transaction.NonInviteClientTransaction;
import io.sipfront.core.transaction.TransactionKeys;
import io.sipfront.core.transport.OutboundTarget;
import io.sipfront.time.Clock;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.LongAdder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One account's outbound registration (RFC 3261 §10.2), on one lane: the lane its Call-ID maps to, where the
 * registrar's answers arrive. Every REGISTER of the binding has the same Call-ID and From tag, CSeq+1 and a new
 * branch; it goes out as an ordinary non-INVITE client transaction. 401/407 are answered once (a stale nonce once
 * more), 423 is retried with the registrar's Min-Expires, the binding is refreshed at half the granted time, and
 * failures are retried with a doubling delay up to {@link #MAX_RETRY_MS}.
 *
 * <p>Lane-confined, except the volatile fields read by {@link #status}.
 */
final class Registrant implements ClientTransactionUser {
    private static final Logger log = LoggerFactory.getLogger(Registrant.class);
    static final long FIRST_RETRY_MS = 2_000;
    static final long MAX_RETRY_MS = 60_000;
    /** A registrar silent this long counts as a failure (Timer F's 32 s would leave the binding unattended). */
    static final long ANSWER_TIMEOUT_MS = 4_000;

    private final AccountSettings account;
    private final RegistrationSettings reg;
    private final Lane lane;
    private final LocalIdentity identity;
    private final Clock clock;
    private final RegistrationStore store;
    private final LongAdder failures;
    private final String callId;
    private final String fromTag;
    private final String contact;

    private long cseq;
    private int requested;
    private int challengesAnswered;
    private boolean staleAnswered;
    private boolean minExpiresTried;
    private long retryDelayMs = FIRST_RETRY_MS;
    private NonInviteClientTransaction tx;
    private Timeout timer;
    private Timeout answerTimeout;
    private boolean active;
    private CountDownLatch unregistered;
    private String lastRealm;
    private String lastNonce;

    private volatile long expiresAtMillis;
    private volatile int grantedS;
    private volatile long sentCseq;
    private volatile String lastError;
    private volatile boolean running;

    /** @param resumed what this node or its peer saved last for this account, or null for a new binding */
    Registrant(AccountSettings account, Lane lane, LocalIdentity identity, Clock clock, RegistrationStore store,
               LongAdder failures, String callId, String fromTag, RegistrationRecord resumed) {
        this.account = account;
        this.reg = account.registration().orElseThrow();
        this.lane = lane;
        this.identity = identity;
        this.clock = clock;
        this.store = store;
        this.failures = failures;
        this.callId = callId;
        this.fromTag = fromTag;
        this.contact = RegisterMessage.contact(reg, identity);
        this.requested = reg.expiresS();
        if (resumed != null) {
            this.cseq = resumed.cseq();
            this.sentCseq = resumed.cseq();
            this.expiresAtMillis = resumed.expiresAtMillis();
        }
    }

    String callId() {
        return callId;
    }

    /** Starts (or resumes) the binding: a REGISTER at once. On the lane. */
    void start() {
        active = true;
        running = true;
        register();
    }

    /**
     * Stops refreshing. With {@code unregister}, sends a REGISTER with Expires 0 when bound; the latch opens when
     * that is answered (or at once). On the lane.
     */
    void stop(boolean unregister, CountDownLatch done) {
        active = false;
        running = false;
        cancelTimers();
        if (tx != null) {
            tx.abandon();
            tx = null;
        }
        if (unregister && isRegistered()) {
            unregistered = done;
            challengesAnswered = 0;
            staleAnswered = false;
            send(0, null);
        } else {
            done.countDown();
        }
    }

    private boolean isRegistered() {
        return expiresAtMillis > clock.currentTimeMillis();
    }

    private void register() {
        challengesAnswered = 0;
        staleAnswered = false;
        minExpiresTried = false;
        send(requested, null);
    }

    private void send(int expires, String authorization) {
        cseq++;
        sentCseq = cseq;
        String branch = TransactionKeys.MAGIC_COOKIE + "sfr" + lane.state().nextUnique();
        byte[] bytes = RegisterMessage.build(reg, identity, branch, callId, fromTag, cseq, expires, authorization);
        tx = new NonInviteClientTransaction(lane.transactions(), branch, "REGISTER",
                OutboundTarget.of(reg.transport(), reg.registrar()), bytes, null, this);
        NonInviteClientTransaction sent = tx;
        cancel(answerTimeout);
        answerTimeout = lane.timers().schedule(ANSWER_TIMEOUT_MS, () -> {
            if (tx == sent) {
                sent.abandon();
                failed("no answer from the registrar within " + ANSWER_TIMEOUT_MS / 1000 + " s");
            }
        });
        save();
        tx.start();
    }

    private void save() {
        store.save(new RegistrationRecord(account.carrier(), callId, fromTag, cseq, contact, expiresAtMillis,
                lastRealm, lastNonce));
    }

    @Override
    public void onResponse(ClientTransaction t, SIPResponse response) {
        int status = response.getStatusCode();
        if (t != tx || status < 200) {
            return;
        }
        cancel(answerTimeout);
        tx = null;
        if (unregistered != null) {
            unregisterAnswered(response, status);
            return;
        }
        if (!active) {
            return;
        }
        if (status < 300) {
            registered(response);
        } else if (status == 401 || status == 407) {
            challenged(response, requested);
        } else if (status == 423) {
            tooBrief(response);
        } else {
            failed(status + " " + response.getReasonPhrase());
        }
    }

    private void challenged(SIPResponse response, int expires) {
        Challenge c = Challenge.of(response);
        if (c == null) {
            failed(response.getStatusCode() + " with a challenge Sipfront cannot answer");
            return;
        }
        if (!account.answers(c.realm())) {
            failed("challenged for realm '" + c.realm() + "', not the account's");
            return;
        }
        boolean staleRetry = c.stale() && challengesAnswered > 0 && !staleAnswered;
        if (challengesAnswered > 0 && !staleRetry) {
            failed("credentials refused (challenged again by " + response.getStatusCode() + ")");
            return;
        }
        staleAnswered |= staleRetry;
        challengesAnswered++;
        lastRealm = c.realm();
        lastNonce = c.nonce();
        String header = DigestAnswer.build(c, account, "REGISTER", reg.registrarUri(),
                lane.state().auth.nonces.next(c.realm(), c.nonce())).encode().trim();
        send(expires, header);
    }

    private void tooBrief(SIPResponse response) {
        int min = response.getHeader(MinExpiresHeader.NAME) instanceof MinExpiresHeader h ? h.getExpires() : -1;
        if (min <= requested || minExpiresTried) {
            failed("423 Interval Too Brief" + (min > 0 ? " (Min-Expires " + min + ")" : " without Min-Expires"));
            return;
        }
        log.info("registration of {}: registrar wants at least {} s; asking for that", account.carrier(), min);
        requested = min;
        minExpiresTried = true;
        challengesAnswered = 0;
        staleAnswered = false;
        send(requested, null);
    }

    private void registered(SIPResponse response) {
        int granted = granted(response);
        boolean was = isRegistered();
        grantedS = granted;
        expiresAtMillis = clock.currentTimeMillis() + granted * 1000L;
        lastError = null;
        retryDelayMs = FIRST_RETRY_MS;
        save();
        if (!was) {
            log.info("registration of {} as {} at {}: registered for {} s (Call-ID {}, CSeq {})", account.carrier(),
                    reg.aor(), reg.registrarUri(), granted, callId, cseq);
        }
        schedule(Math.max(1_000L, granted * 1000L / 2), this::register);
    }

    /** The lifetime granted to our Contact (its expires parameter), else Expires, else what was asked. */
    private int granted(SIPResponse response) {
        ContactList contacts = response.getContactHeaders();
        if (contacts != null) {
            for (Object o : contacts) {
                Contact c = (Contact) o;
                if (c.getAddress().getURI() instanceof SipUri uri && reg.contactUser().equals(uri.getUser())
                        && identity.isLocal(uri.getHost(), uri.getPort() > 0 ? uri.getPort() : 5060)
                        && c.getExpires() >= 0) {
                    return c.getExpires();
                }
            }
        }
        if (response.getExpires() != null && response.getExpires().getExpires() >= 0) {
            return response.getExpires().getExpires();
        }
        return requested;
    }

    private void failed(String why) {
        failures.increment();
        lastError = why;
        if (!active) {
            return;
        }
        log.warn("registration of {} at {} failed: {}; retrying in {} s", account.carrier(), reg.registrarUri(), why,
                retryDelayMs / 1000);
        long delay = retryDelayMs;
        retryDelayMs = Math.min(MAX_RETRY_MS, retryDelayMs * 2);
        schedule(delay, this::register);
    }

    private void unregisterAnswered(SIPResponse response, int status) {
        if ((status == 401 || status == 407) && challengesAnswered == 0) {
            challenged(response, 0);
            return;
        }
        expiresAtMillis = 0;
        save();
        log.info("registration of {}: unregistered ({} {})", account.carrier(), status, response.getReasonPhrase());
        unregistered.countDown();
        unregistered = null;
    }

    @Override
    public void onTimeout(ClientTransaction t) {
        if (t == tx) {
            tx = null;
            failed("no answer from the registrar");
        }
    }

    @Override
    public void onTransportError(ClientTransaction t, Throwable cause) {
        if (t == tx) {
            tx = null;
            cancel(answerTimeout);
            failed("cannot reach the registrar: " + cause.getClass().getSimpleName());
        }
    }

    private void schedule(long delayMs, Runnable task) {
        cancel(timer);
        timer = lane.timers().schedule(delayMs, () -> {
            if (active) {
                task.run();
            }
        });
    }

    private void cancelTimers() {
        cancel(timer);
        cancel(answerTimeout);
    }

    private static void cancel(Timeout t) {
        if (t != null) {
            t.cancel();
        }
    }

    RegistrationStatus status() {
        long left = Math.max(0, (expiresAtMillis - clock.currentTimeMillis() + 999) / 1000);
        return new RegistrationStatus(account.carrier(), reg.aor(), reg.registrarUri(), contact, running, left > 0,
                left, grantedS, callId, sentCseq, lastError, failures.sum());
    }
}
