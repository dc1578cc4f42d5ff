package io.sipfront.core.edge;

import io.sipfront.config.AddressMatch;
import io.sipfront.config.EdgeSettings;
import java.net.InetSocketAddress;

/**
 * Who a datagram is from, as the edge sees it before parsing: by address alone.
 *
 * @param limits the carrier's limits, or null
 */
record Peer(Kind kind, String name, EdgeSettings.Limits limits) {
    enum Kind {
        /** The platform or a trusted address: never counted, banned or limited. */
        TRUSTED,
        CARRIER,
        UNKNOWN
    }

    static final Peer TRUSTED = new Peer(Kind.TRUSTED, "trusted", null);
    static final Peer UNKNOWN = new Peer(Kind.UNKNOWN, "unknown", null);

    /** An address pattern and who it names. */
    record Match(AddressMatch match, Peer peer) {
        boolean matches(InetSocketAddress source) {
            return match.matches(source);
        }
    }
}
