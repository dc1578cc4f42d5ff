package io.sipfront.core.proxy;

import io.sipfront.core.transaction.TransactionKeys;

/** RFC 3261 branch values for the requests Sipfront sends. */
final class Branches {
    static final String PREFIX = TransactionKeys.MAGIC_COOKIE + "sf";

    private Branches() {
    }

    /** A new branch for a stateful attempt. */
    static String forRequest(String unique) {
        return PREFIX + unique;
    }

    /** A new branch carrying the loop-detection hash (RFC 3261 §16.6 step 8), for spiral handling. */
    static String forRequest(String loopHash, String unique) {
        return PREFIX + loopHash + '.' + unique;
    }

    /** The loop hash a branch of ours carries, or null. */
    static String loopHashOf(String branch) {
        if (branch == null || !branch.startsWith(PREFIX)) {
            return null;
        }
        int dot = branch.indexOf('.', PREFIX.length());
        return dot < 0 ? null : branch.substring(PREFIX.length(), dot);
    }

    /**
     * The unique part of the branch of an INVITE's first attempt, derived from the request as it arrived (RFC 3261
     * §16.6 step 8 allows any unique value). Either node of a pair computes the same value for the same INVITE, so
     * the survivor of a takeover forwards a retransmission of it as a retransmission (same branch: the callee
     * absorbs it) and can CANCEL it (the callee matches a CANCEL to its INVITE by branch, §17.2.3). Null when the
     * incoming branch lacks the RFC 3261 magic cookie, so is not known to be unique.
     */
    static String firstAttemptUnique(String incomingBranch, String callId, long cseq) {
        if (incomingBranch == null || !incomingBranch.startsWith(TransactionKeys.MAGIC_COOKIE)) {
            return null;
        }
        long h = 1125899906842597L;
        for (String s : new String[] {incomingBranch, callId}) {
            for (int i = 0; i < s.length(); i++) {
                h = 31 * h + s.charAt(i);
            }
        }
        // A second, differently seeded hash: 128 bits keep two calls' branches apart at any call rate.
        long g = 0xcbf29ce484222325L;
        for (String s : new String[] {callId, incomingBranch}) {
            for (int i = 0; i < s.length(); i++) {
                g = (g ^ s.charAt(i)) * 0x100000001b3L;
            }
        }
        return "i" + Long.toHexString(h ^ cseq) + Long.toHexString(g);
    }

    /**
     * The unique part of attempt {@code number}'s branch, from the first attempt's: the first keeps it as it is
     * (what an older node of a pair sends too), later ones add their number. A node that takes over from its peer
     * can so name every attempt the peer may have made (CANCEL, ACK of a non-2xx answer).
     */
    static String attemptUnique(String firstUnique, int number) {
        return number <= 1 ? firstUnique : firstUnique + '-' + number;
    }

    /**
     * A deterministic branch for a request forwarded statelessly (an ACK for a 2xx): RFC 3261 §16.11 wants the
     * same branch for every retransmission of the same request.
     */
    static String stateless(String incomingBranch, String callId, long cseq) {
        long h = 1125899906842597L;
        for (String s : new String[] {incomingBranch == null ? "" : incomingBranch, callId}) {
            for (int i = 0; i < s.length(); i++) {
                h = 31 * h + s.charAt(i);
            }
        }
        return PREFIX + "a" + Long.toHexString(h ^ cseq);
    }
}
