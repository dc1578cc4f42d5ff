package io.sipfront.core.auth;

/** What one lane keeps for carrier authentication; touched only on the lane's thread. */
public final class AuthLaneState {
    public final DialogCseq cseq = new DialogCseq();
    public final NonceCounts nonces = new NonceCounts();
    /** Destinations (the proxy's hops) that challenged a call whose challenge went back to the caller. */
    public final ChallengePins<Object> pins = new ChallengePins<>();
}
