package io.sipfront.core.tls;

import io.netty.handler.ssl.OpenSslCertificateException;
import io.netty.internal.tcnative.CertificateVerifier;
import java.security.cert.CertificateException;

/**
 * With the OpenSSL engine, a trust manager's refusal becomes the TLS alert that Netty derives from an OpenSSL verify
 * error code; without one, BoringSSL sends {@code internal_error}, which tells the peer's operator nothing. This gives
 * each refusal its code, so that the peer reads {@code certificate_expired}, {@code unknown_ca} or
 * {@code bad_certificate}. Only for the OpenSSL provider: the codes come from the loaded native library.
 */
final class OpenSslAlerts {
    private OpenSslAlerts() {
    }

    /** Our refusal, wrapped so that the engine picks the matching alert; the reason stays in the cause chain. */
    static CertificateException withAlert(PeerCertificateException refusal) {
        int code;
        switch (refusal.failure().kind()) {
            case EXPIRED:
                code = CertificateVerifier.X509_V_ERR_CERT_HAS_EXPIRED;
                break;
            case NOT_YET_VALID:
                code = CertificateVerifier.X509_V_ERR_CERT_NOT_YET_VALID;
                break;
            case WRONG_NAME:
                code = CertificateVerifier.X509_V_ERR_HOSTNAME_MISMATCH;
                break;
            case UNTRUSTED:
                code = CertificateVerifier.X509_V_ERR_UNABLE_TO_GET_ISSUER_CERT_LOCALLY;
                break;
            default:
                code = CertificateVerifier.X509_V_ERR_UNSPECIFIED;
        }
        return new OpenSslCertificateException(refusal.getMessage(), refusal, code);
    }
}
