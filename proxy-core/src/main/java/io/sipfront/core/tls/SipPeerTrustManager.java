package io.sipfront.core.tls;

import java.net.Socket;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Comparator;
import java.util.function.UnaryOperator;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.security.auth.x500.X500Principal;

/**
 * PKIX chain validation by the JDK, then, for servers we connect to, the RFC 5922 identity check against the peer
 * host the connection was opened for ({@code SslContext.newHandler(alloc, sipDomain, port)}: the SIP domain of the
 * destination URI, also sent as SNI). Works with both providers: Netty hands the {@link SSLEngine} to an
 * {@link X509ExtendedTrustManager} with the JDK and the OpenSSL engine alike.
 *
 * <p>The contexts are built with endpoint identification switched off, so the JDK's own "HTTPS" check (wildcards
 * allowed, {@code sip:} URIs ignored) never runs; this class is the only name check. Failures are thrown as
 * {@link PeerCertificateException} with a classified {@link TlsFailure}.
 */
public final class SipPeerTrustManager extends X509ExtendedTrustManager {
    private final X509ExtendedTrustManager pkix;
    private final PeerVerification verification;
    private final UnaryOperator<CertificateException> refusal;

    @FunctionalInterface
    private interface PkixCheck {
        void run() throws CertificateException;
    }

    /**
     * @param openSslEngine whether contexts built with this run the OpenSSL engine, whose alerts need the
     *                      refusal wrapped ({@link OpenSslAlerts})
     */
    SipPeerTrustManager(X509ExtendedTrustManager pkix, PeerVerification verification, boolean openSslEngine) {
        this.pkix = pkix;
        this.verification = verification;
        this.refusal = openSslEngine ? e -> OpenSslAlerts.withAlert((PeerCertificateException) e) : e -> e;
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        validate(chain, () -> pkix.checkServerTrusted(chain, authType, engine));
        checkName(chain, engine == null ? null : engine.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        validate(chain, () -> pkix.checkServerTrusted(chain, authType, socket));
        SSLSession session = socket instanceof SSLSocket ssl ? ssl.getHandshakeSession() : null;
        checkName(chain, session == null ? null : session.getPeerHost());
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        validate(chain, () -> pkix.checkServerTrusted(chain, authType));
        checkName(chain, null);
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
            throws CertificateException {
        validate(chain, () -> pkix.checkClientTrusted(chain, authType, engine));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
            throws CertificateException {
        validate(chain, () -> pkix.checkClientTrusted(chain, authType, socket));
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        validate(chain, () -> pkix.checkClientTrusted(chain, authType));
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    private void validate(X509Certificate[] chain, PkixCheck check) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw refuse(new TlsFailure(TlsFailure.Kind.NO_CERTIFICATE, ""), null);
        }
        try {
            check.run();
        } catch (CertificateException e) {
            throw refuse(classify(chain, e), e);
        }
    }

    private CertificateException refuse(TlsFailure failure, Throwable cause) {
        return refusal.apply(new PeerCertificateException(failure, cause));
    }

    private void checkName(X509Certificate[] chain, String peerHost) throws CertificateException {
        if (peerHost == null || peerHost.isEmpty()) {
            // A connection opened without the destination's domain cannot be verified: refuse rather than trust.
            throw refuse(new TlsFailure(TlsFailure.Kind.WRONG_NAME, "no peer name to check the certificate against"),
                    null);
        }
        PeerIdentity identity = PeerIdentity.of(chain[0]);
        if (!identity.names(peerHost, verification)) {
            String wildcardHint = verification == PeerVerification.STRICT && identity.presented().contains("*")
                    ? " (wildcards are not accepted in strict mode, RFC 5922)" : "";
            throw refuse(new TlsFailure(TlsFailure.Kind.WRONG_NAME,
                    "wanted " + peerHost + ", it names " + identity.presented() + wildcardHint), null);
        }
    }

    private static TlsFailure classify(X509Certificate[] chain, CertificateException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof CertificateExpiredException || isReason(t, CertPathValidatorException.BasicReason.EXPIRED)) {
                X509Certificate first = Arrays.stream(chain)
                        .min(Comparator.comparing(X509Certificate::getNotAfter)).orElseThrow();
                return new TlsFailure(TlsFailure.Kind.EXPIRED,
                        subject(first) + " expired on " + first.getNotAfter().toInstant());
            }
            if (t instanceof CertificateNotYetValidException
                    || isReason(t, CertPathValidatorException.BasicReason.NOT_YET_VALID)) {
                X509Certificate last = Arrays.stream(chain)
                        .max(Comparator.comparing(X509Certificate::getNotBefore)).orElseThrow();
                return new TlsFailure(TlsFailure.Kind.NOT_YET_VALID,
                        subject(last) + " is valid from " + last.getNotBefore().toInstant());
            }
        }
        X509Certificate top = chain[chain.length - 1];
        return new TlsFailure(TlsFailure.Kind.UNTRUSTED, subject(chain[0]) + " issued by "
                + top.getIssuerX500Principal().getName(X500Principal.RFC2253) + ", not a trusted CA");
    }

    private static boolean isReason(Throwable t, CertPathValidatorException.Reason reason) {
        return t instanceof CertPathValidatorException v && v.getReason() == reason;
    }

    private static String subject(X509Certificate certificate) {
        return certificate.getSubjectX500Principal().getName(X500Principal.RFC2253);
    }
}
