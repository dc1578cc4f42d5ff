package io.sipfront.core.tls;

import java.io.IOException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/** The JDK's PKIX chain validation against a PEM CA bundle or the system trust store. */
final class PkixTrust {
    private PkixTrust() {
    }

    /** Trusts the CAs in the bundle, or the system's when the bundle is null. */
    static X509ExtendedTrustManager of(Path caBundle) throws TlsSetupException {
        try {
            if (caBundle == null) {
                return from(null);
            }
            List<X509Certificate> cas = PemFiles.certificates(caBundle);
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(null, null);
            for (int i = 0; i < cas.size(); i++) {
                store.setCertificateEntry("ca-" + i, cas.get(i));
            }
            return from(store);
        } catch (GeneralSecurityException | IOException e) {
            throw new TlsSetupException((caBundle == null ? "the system trust store" : caBundle.toString())
                    + ": cannot be used as trust anchors (" + e.getClass().getSimpleName() + ")", e);
        }
    }

    private static X509ExtendedTrustManager from(KeyStore store) throws GeneralSecurityException {
        TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        factory.init(store);
        for (TrustManager manager : factory.getTrustManagers()) {
            if (manager instanceof X509ExtendedTrustManager extended) {
                return extended;
            }
        }
        throw new GeneralSecurityException("no X509ExtendedTrustManager from " + factory.getAlgorithm());
    }
}
