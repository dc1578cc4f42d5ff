package io.sipfront.ha;

/**
 * Accepts an advert only if it is newer than every one accepted before: a later boot epoch, or the same epoch
 * with a higher sequence. A captured advert replayed later (to fake a live master) is refused.
 */
final class ReplayGuard {
    private long epoch = Long.MIN_VALUE;
    private long sequence = Long.MIN_VALUE;

    boolean accept(long advertEpoch, long advertSequence) {
        if (advertEpoch < epoch || (advertEpoch == epoch && advertSequence <= sequence)) {
            return false;
        }
        epoch = advertEpoch;
        sequence = advertSequence;
        return true;
    }
}
