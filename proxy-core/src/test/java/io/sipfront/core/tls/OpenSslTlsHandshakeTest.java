package io.sipfront.core.tls;

import io.netty.handler.ssl.SslProvider;

/** The handshake cases with BoringSSL (netty-tcnative), the optional provider. */
class OpenSslTlsHandshakeTest extends TlsHandshakeCases {
    @Override
    SslProvider provider() {
        return SslProvider.OPENSSL_REFCNT;
    }
}
