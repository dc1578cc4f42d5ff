package io.sipfront.resolver;

/**
 * What the resolver tells its owner besides the answers it returns. Called on a resolver thread: hand the work
 * to your own thread and return at once.
 */
public interface DnsEventListener {
    DnsEventListener NONE = new DnsEventListener() {
    };

    /**
     * The targets of a host name asked for earlier changed (a first resolution included), found by a look-up or
     * by a background refresh: create or drop per-target destinations here. A DNS failure never triggers it: the
     * last targets stay in force. IP literals, which never change, are not reported.
     */
    default void resolutionChanged(Resolution resolution) {
    }

    /** A question failed at every resolver; {@link DnsStats#problems()} keeps the same facts for the API. */
    default void queryFailed(String name, String type, String reason) {
    }
}
