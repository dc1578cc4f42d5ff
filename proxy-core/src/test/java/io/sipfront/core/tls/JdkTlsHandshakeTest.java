package io.sipfront.core.tls;

import io.netty.handler.ssl.SslProvider;

/** The handshake cases with the JDK's engine, the default provider. */
class JdkTlsHandshakeTest extends TlsHandshakeCases {
    @Override
    SslProvider provider() {
        return SslProvider.JDK;
    }
}
