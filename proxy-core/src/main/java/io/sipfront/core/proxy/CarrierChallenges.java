package io.sipfront.core.proxy;

import gov.nist.javax.sip.header.Authorization;
import gov.nist.javax.sip.header.ProxyAuthorization;
import gov.nist.javax.sip.message.SIPRequest;
import gov.nist.javax.sip.message.SIPResponse;
import io.sipfront.config.AccountSettings;
import io.sipfront.core.auth.AuthLaneState;
import io.sipfront.core.auth.Challenge;
import io.sipfront.core.auth.DialogCseq;
import io.sipfront.core.lane.Lane;
import java.util.List;
import java.util.Optional;

/**
 * What one forwarded request does with a carrier's 401/407 (RFC 3261 §22.2): a carrier with an account is answered
 * with credentials, to the same destination, with CSeq+1; a second challenge on one attempt means wrong credentials
 * (a {@code stale=true} nonce is answered once more); a carrier without an account has its challenge go up, and is
 * pinned so the caller's authenticated retry goes back to it. Also keeps the dialog's CSeq offset that an
 * authenticated retry creates. Decisions only: the {@link FailoverMachine} acts on them.
 */
final class CarrierChallenges {
    /** What to do with a challenge. */
    sealed interface Decision {
    }

    /** Not ours to answer: relay it to the caller. */
    record PassUp() implements Decision {
    }

    /** Ours, but it cannot be answered (wrong credentials, foreign realm, unsupported digest): end the attempt. */
    record Refuse(String why) implements Decision {
    }

    /** Answer it: resend with these credentials. */
    record Retry(Attempt.Credentials credentials, boolean stale) implements Decision {
    }

    private final ProxyContext p;
    private final Lane lane;
    private final String callId;

    CarrierChallenges(ProxyContext p, Lane lane, String callId) {
        this.p = p;
        this.lane = lane;
        this.callId = callId;
    }

    /** Whether {@code hop}'s carrier has an account (its attempts may have to be repeated with credentials). */
    boolean mayChallenge(Hop hop) {
        return account(hop).isPresent();
    }

    /** @param retries the authenticated retries this attempt made already; {@code staleAnswered} one was stale */
    Decision decide(SIPResponse response, Hop hop, int retries, boolean staleAnswered, SIPRequest asReceived) {
        Optional<AccountSettings> account = account(hop);
        if (account.isEmpty()) {
            if (hop.destination() != null) {
                lane.state().auth.pins.pin(callId, hop, now());
            }
            p.auth().passedThrough.increment();
            return new PassUp();
        }
        Challenge challenge = Challenge.of(response);
        if (challenge == null) {
            return refuse("a challenge Sipfront cannot answer (no digest, or an unsupported algorithm or qop)");
        }
        if (!account.get().answers(challenge.realm())) {
            return refuse("a challenge for realm '" + challenge.realm() + "', not the account's");
        }
        if (retries > 0 && !(challenge.stale() && !staleAnswered)) {
            return refuse("a second challenge: the credentials of account '" + account.get().username()
                    + "' are wrong");
        }
        int retry = retries + 1;
        long cseq = asReceived.getCSeq().getSeqNumber() + retry;
        p.auth().answered.increment();
        return new Retry(new Attempt.Credentials(cseq, challenge, account.get(),
                lane.state().auth.nonces.next(challenge.realm(), challenge.nonce())), challenge.stale() && retries > 0);
    }

    /** After an authenticated retry to {@code hop}, the carrier counts this dialog one higher than the caller. */
    void retried(Hop hop, int retry, SIPRequest asReceived) {
        AuthLaneState auth = lane.state().auth;
        String dialog = DialogCseq.key(callId, asReceived.getFromTag());
        int dialogOffset = auth.cseq.offset(dialog, p.auth().share());
        auth.cseq.set(dialog, hop.destination() != null ? retry : dialogOffset + 1, now(), p.auth().share());
    }

    /** An authenticated new call that did not form its dialog: the next attempt starts from the caller's CSeq. */
    void dialogNotFormed(String fromTag) {
        lane.state().auth.cseq.set(DialogCseq.key(callId, fromTag), 0, now(), p.auth().share());
    }

    /**
     * The caller answers a challenge that went up from a carrier without an account (credentials, same Call-ID):
     * the retry goes to that carrier alone, which issued the nonce.
     */
    List<Hop> pinned(SIPRequest asReceived, List<Hop> hops) {
        if (asReceived.getHeader(Authorization.NAME) == null && asReceived.getHeader(ProxyAuthorization.NAME) == null) {
            return hops;
        }
        return lane.state().auth.pins.pinned(callId, now()) instanceof Hop hop ? List.of(hop) : hops;
    }

    private Refuse refuse(String why) {
        p.auth().rejected.increment();
        return new Refuse(why);
    }

    /** The account of the carrier behind {@code hop}: its destination's carrier, or for in-dialog hops by address. */
    private Optional<AccountSettings> account(Hop hop) {
        if (p.auth().accounts().isEmpty()) {
            return Optional.empty();
        }
        return p.auth().account(carrierOf(hop));
    }

    private String carrierOf(Hop hop) {
        if (hop.destination() != null) {
            return hop.destination().carrier().orElse(null);
        }
        Source s = p.classifier().classify(hop.target().address());
        return s.kind() == Source.Kind.CARRIER ? s.name() : null;
    }

    private long now() {
        return lane.timers().clock().nanoTime();
    }
}
