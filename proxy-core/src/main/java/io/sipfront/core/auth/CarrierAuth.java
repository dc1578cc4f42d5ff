package io.sipfront.core.auth;

import io.sipfront.config.AccountSettings;
import io.sipfront.config.Accounts;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the call path needs to answer carriers' challenges: the accounts by carrier, where dialog CSeq offsets are
 * shared, and the counters ({@code sipfront_auth_*}).
 */
public final class CarrierAuth {
    private final Accounts accounts;
    private final CseqShare share;
    /** Challenges answered with credentials (stale nonces included). */
    public final LongAdder answered = new LongAdder();
    /** Attempts ended because the carrier challenged our answer again: wrong credentials. */
    public final LongAdder rejected = new LongAdder();
    /** Challenges of carriers without an account, passed back to the caller. */
    public final LongAdder passedThrough = new LongAdder();

    public CarrierAuth(Accounts accounts, CseqShare share) {
        this.accounts = accounts;
        this.share = share;
    }

    public Optional<AccountSettings> account(String carrier) {
        return accounts.forCarrier(carrier);
    }

    public Accounts accounts() {
        return accounts;
    }

    public CseqShare share() {
        return share;
    }

    /** The same accounts and counters' meaning, offsets shared through {@code s}. */
    public CarrierAuth sharedThrough(CseqShare s) {
        return new CarrierAuth(accounts, s);
    }
}
