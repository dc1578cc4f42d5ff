package io.sipfront.core.tls;

import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/** What an established TLS session tells about the peer; read after the handshake future succeeded. */
public final class TlsSessions {
    private TlsSessions() {
    }

    /** The host name a client asked for with SNI, as a server sees it; empty when none was sent. */
    public static Optional<String> requestedServerName(SSLSession session) {
        if (!(session instanceof ExtendedSSLSession extended)) {
            return Optional.empty();
        }
        for (SNIServerName name : extended.getRequestedServerNames()) {
            if (name instanceof SNIHostName host) {
                return Optional.of(host.getAsciiName());
            }
        }
        return Optional.empty();
    }

    /** The peer's certificate chain, leaf first; empty when the peer showed none. */
    public static List<X509Certificate> peerChain(SSLSession session) {
        try {
            Certificate[] chain = session.getPeerCertificates();
            return Arrays.stream(chain).filter(X509Certificate.class::isInstance)
                    .map(X509Certificate.class::cast).toList();
        } catch (SSLPeerUnverifiedException e) {
            return List.of();
        }
    }
}
