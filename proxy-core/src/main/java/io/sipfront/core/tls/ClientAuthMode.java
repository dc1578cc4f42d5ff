package io.sipfront.core.tls;

import io.netty.handler.ssl.ClientAuth;

/** Whether a TLS listener asks connecting peers for a certificate (Kamailio's {@code verify_client}). */
public enum ClientAuthMode {
    /** No certificate requested. */
    NONE(ClientAuth.NONE),
    /** Requested; a peer without one is accepted, a peer with a bad one is refused. */
    OPTIONAL(ClientAuth.OPTIONAL),
    /** Required and verified against the client CA bundle. */
    REQUIRE(ClientAuth.REQUIRE);

    private final ClientAuth netty;

    ClientAuthMode(ClientAuth netty) {
        this.netty = netty;
    }

    ClientAuth netty() {
        return netty;
    }
}
