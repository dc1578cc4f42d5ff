package io.sipfront.core.tls;

import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslProvider;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLException;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds Netty {@link SslContext}s from validated settings: PEM files read and checked here (so call it off the event
 * loops), TLS 1.2/1.3 only, peer certificates checked by {@link SipPeerTrustManager}.
 */
public final class TlsContextFactory {
    private final SslProvider provider;

    public TlsContextFactory(SslProvider provider) {
        this.provider = provider;
    }

    /** The factory for the provider asked for in the config, falling back to the JDK (logged). */
    public static TlsContextFactory select(TlsProvider preference) {
        return new TlsContextFactory(preference.resolve());
    }

    public SslProvider provider() {
        return provider;
    }

    /** The context of a TLS listener. */
    public TlsContext server(TlsServerSettings settings) throws TlsSetupException {
        OwnIdentity identity = OwnIdentity.load(settings.identity());
        SslContextBuilder builder = SslContextBuilder.forServer(identity.key(), identity.chain())
                .clientAuth(settings.clientAuth().netty());
        if (settings.clientCa() != null) {
            // The verification mode only concerns names of servers we connect to; clients are identified by source.
            builder.trustManager(trustManager(PkixTrust.of(settings.clientCa()), PeerVerification.STRICT));
        }
        return new TlsContext(build(builder, settings.handshake(), "server"), identity.chain());
    }

    /** The context for connections we open; its handlers must be made with the peer's SIP domain. */
    public TlsContext client(TlsClientSettings settings) throws TlsSetupException {
        SslContextBuilder builder = SslContextBuilder.forClient()
                .trustManager(trustManager(PkixTrust.of(settings.caBundle()), settings.verification()));
        List<X509Certificate> chain = List.of();
        if (settings.identity() != null) {
            OwnIdentity identity = OwnIdentity.load(settings.identity());
            builder.keyManager(identity.key(), identity.chain());
            chain = identity.chain();
        }
        return new TlsContext(build(builder, settings.handshake(), "client"), chain);
    }

    private SipPeerTrustManager trustManager(X509ExtendedTrustManager pkix, PeerVerification verification) {
        return new SipPeerTrustManager(pkix, verification, provider != SslProvider.JDK);
    }

    private SslContext build(SslContextBuilder builder, HandshakePolicy handshake, String side)
            throws TlsSetupException {
        builder.sslProvider(provider)
                .protocols(handshake.protocolNames())
                // Set explicitly: Netty 4.2 turns "HTTPS" on by default, which would accept wildcards and ignore
                // sip: URIs. SipPeerTrustManager does the RFC 5922 check instead.
                .endpointIdentificationAlgorithm(null);
        try {
            return builder.build();
        } catch (SSLException | RuntimeException e) {
            throw new TlsSetupException("cannot build the TLS " + side + " context with provider " + provider + " ("
                    + e.getClass().getSimpleName() + ")", e);
        }
    }
}
