package io.sipfront.core.tls;

import io.netty.handler.ssl.SslContext;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * A built Netty context and the certificate chain it presents (empty for a client without a certificate).
 *
 * @param sslContext reference-counted with the OpenSSL provider: whoever drops it releases it
 * @param ownChain   our leaf first
 */
public record TlsContext(SslContext sslContext, List<X509Certificate> ownChain) {
    public TlsContext {
        ownChain = List.copyOf(ownChain);
    }
}
