package io.sipfront.core.proxy;

import io.sipfront.core.sip.LocalIdentity;
import io.sipfront.net.Transport;
import java.util.function.Supplier;

/**
 * What every attempt of one forwarded request shares, fixed when the request arrives.
 *
 * @param identity    our addresses: Via sent-by and Record-Route
 * @param inbound     the transport the request came in on; an attempt on another one adds two Record-Routes
 * @param recordRoute whether the request creates a dialog (INVITE, SUBSCRIBE, REFER), so we stay on its path
 * @param loopHash    the RFC 3261 §16.6 step 8 hash carried in branches (spiral handling), or null
 * @param firstUnique the unique part of the branch that both nodes of an HA pair derive alike from an INVITE
 *                    ({@link Branches#firstAttemptUnique}), or null for requests that get random branches
 * @param numbers     formats the numbers for each destination's carrier (outbound calls), or
 *                    {@link RequestRewriter#NONE}
 */
record ForwardingPlan(LocalIdentity identity, Transport inbound, boolean recordRoute, String loopHash,
                      String firstUnique, RequestRewriter numbers) {

    /**
     * The branch of attempt {@code number} (1 for the first). Deterministic when {@link #firstUnique} is known, so
     * that a node that never saw the INVITE can CANCEL every attempt it may have made; otherwise fresh.
     */
    String branch(int number, Supplier<String> fresh) {
        String unique = firstUnique != null ? Branches.attemptUnique(firstUnique, number) : fresh.get();
        return withLoopHash(unique);
    }

    /**
     * The branch of authenticated retry {@code retry} (1 for the first) of attempt {@code number}: a new transaction
     * (RFC 3261 §22.2), deterministic like the attempt's own when {@link #firstUnique} is known.
     */
    String retryBranch(int number, int retry, Supplier<String> fresh) {
        String unique = firstUnique != null ? Branches.attemptUnique(firstUnique, number) + "-r" + retry
                : fresh.get();
        return withLoopHash(unique);
    }

    private String withLoopHash(String unique) {
        return loopHash == null ? Branches.forRequest(unique) : Branches.forRequest(loopHash, unique);
    }
}
