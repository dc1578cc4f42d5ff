package io.sipfront.core.tls;

import java.time.Duration;

/**
 * The {@code tls} section: both sides of SIP over TLS.
 *
 * @param provider          JDK or BoringSSL (netty-tcnative)
 * @param server            our {@code tls:} listeners' side; null when there is no TLS listener
 * @param client            the connections we open to {@code sips:} and {@code transport=tls} destinations
 * @param advertisedHost    the host written into Via and Record-Route of the TLS side (a name our certificate
 *                          carries, so peers can verify us on in-dialog requests); null: {@code sip.advertised_address}
 * @param advertisedPort    the port written next to it; 0: the port of the first TLS listener
 * @param reloadCheck       how often the certificate, key and CA files are looked at for changes
 * @param keepAlive         CRLF keep-alive interval on connections we open (RFC 5626 §3.5.1); zero: none
 */
public record TlsSettings(TlsProvider provider, TlsServerSettings server, TlsClientSettings client,
                          String advertisedHost, int advertisedPort, Duration reloadCheck, Duration keepAlive) {
    public static final Duration DEFAULT_RELOAD_CHECK = Duration.ofSeconds(10);
    public static final Duration DEFAULT_KEEP_ALIVE = Duration.ofSeconds(30);
    /** No {@code tls} section: outbound TLS still works against the system's trust store, no listener. */
    public static final TlsSettings NONE = new TlsSettings(TlsProvider.JDK, null,
            new TlsClientSettings(null, null, PeerVerification.STRICT, HandshakePolicy.DEFAULTS), null, 0,
            DEFAULT_RELOAD_CHECK, DEFAULT_KEEP_ALIVE);

    public TlsSettings {
        if (provider == null || client == null || reloadCheck == null || keepAlive == null) {
            throw new IllegalArgumentException("provider, client side, reload check and keep-alive are required");
        }
    }
}
