package io.sipfront.core.tls;

import java.security.cert.CertificateException;

/**
 * A peer certificate refused by {@link SipPeerTrustManager}, with the classified reason. The JDK or OpenSSL engine
 * wraps it in the handshake exception, where {@link TlsFailures#classify} finds it again. The original PKIX exception
 * stays the cause, so that Netty's OpenSSL engine still picks the right TLS alert (e.g. certificate_expired).
 */
public final class PeerCertificateException extends CertificateException {
    private final transient TlsFailure failure;

    PeerCertificateException(TlsFailure failure, Throwable cause) {
        super(failure.reason(), cause);
        this.failure = failure;
    }

    public TlsFailure failure() {
        return failure;
    }
}
