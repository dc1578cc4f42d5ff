package io.sipfront.core.lane;

import io.sipfront.core.auth.AuthLaneState;
import io.sipfront.core.transaction.TransactionTable;
import java.util.concurrent.ThreadLocalRandom;

/**
 * What one lane remembers: its transactions, keyed as RFC 3261 §17 matches them. Plain HashMaps: only the
 * lane's own thread touches them.
 */
public final class LaneState {
    public final TransactionTable transactions = new TransactionTable();
    /** Answered calls holding a destination's call slot (max_calls, least-load) until their BYE. */
    public final EstablishedCalls establishedCalls = new EstablishedCalls();
    /** CSeq offsets of challenged dialogs, nonce counts and the destinations that challenged a caller. */
    public final AuthLaneState auth = new AuthLaneState();

    private final String branchPrefix;
    private long sequence;

    LaneState(int laneIndex) {
        // Random per process and lane: branches stay unique across restarts and between two HA nodes.
        long r = ThreadLocalRandom.current().nextLong() & 0xffffffffffL;
        this.branchPrefix = Long.toString(r, 36) + Integer.toString(laneIndex, 36);
    }

    /** A new unique branch suffix (the caller adds the magic cookie and its loop hash). */
    public String nextUnique() {
        return branchPrefix + Long.toString(++sequence, 36);
    }
}
