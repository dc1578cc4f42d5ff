package io.sipfront.resolver;

import java.util.List;

/**
 * What a SIP URI resolves to. A resolution never means "destination down": {@link Status#UNAVAILABLE} is a
 * transient DNS failure with nothing cached, {@link Status#NOT_FOUND} is DNS saying there is nothing there.
 *
 * @param targets ordered by SRV priority (then weight, highest first); pick within a priority with
 *                {@link SrvSelection}
 * @param stale   some record used here is past its TTL and was served because every resolver failed
 *                (RFC 8767)
 * @param via     how the targets were found, for logs and the API (for example
 *                {@code NAPTR SIP+D2U -> SRV _sip._udp.carriers.example.net}); without targets, why
 */
public record Resolution(TargetUri uri, Status status, List<ResolvedTarget> targets, boolean stale, String via) {

    public enum Status {
        /** At least one target; some may still lack addresses. */
        RESOLVED,
        /** DNS answered that the name has no usable NAPTR, SRV or address records. */
        NOT_FOUND,
        /** Every resolver failed and nothing usable was cached: try again later or use another destination. */
        UNAVAILABLE
    }

    public Resolution {
        targets = List.copyOf(targets);
    }

    static Resolution resolved(TargetUri uri, List<ResolvedTarget> targets, boolean stale, String via) {
        return new Resolution(uri, Status.RESOLVED, targets, stale, via);
    }

    static Resolution notFound(TargetUri uri, boolean stale, String why) {
        return new Resolution(uri, Status.NOT_FOUND, List.of(), stale, why);
    }

    static Resolution unavailable(TargetUri uri, String why) {
        return new Resolution(uri, Status.UNAVAILABLE, List.of(), false, why);
    }

    /** Same outcome and targets as {@code other}, whatever their freshness: nothing for the caller to change. */
    public boolean sameTargetsAs(Resolution other) {
        return other != null && status == other.status && targets.equals(other.targets);
    }
}
