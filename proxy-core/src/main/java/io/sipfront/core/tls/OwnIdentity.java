package io.sipfront.core.tls;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * Our certificate chain and the key that belongs to it, read and checked together. The check catches a certificate
 * replaced before its key (certbot and most deploy scripts write them one after the other): a reload then keeps the
 * old pair instead of presenting a certificate we cannot sign for.
 */
record OwnIdentity(PrivateKey key, List<X509Certificate> chain) {
    private static final byte[] PROBE = "sipfront key/certificate match".getBytes(StandardCharsets.US_ASCII);

    OwnIdentity {
        chain = List.copyOf(chain);
    }

    static OwnIdentity load(CertificateFiles files) throws TlsSetupException {
        List<X509Certificate> chain = PemFiles.certificates(files.certificateChain());
        PrivateKey key = PemFiles.privateKey(files.privateKey());
        if (!belongTogether(key, chain.get(0))) {
            throw new TlsSetupException(files.privateKey() + ": the private key does not belong to the certificate "
                    + chain.get(0).getSubjectX500Principal().getName() + " in " + files.certificateChain());
        }
        return new OwnIdentity(key, chain);
    }

    X509Certificate leaf() {
        return chain.get(0);
    }

    private static boolean belongTogether(PrivateKey key, X509Certificate leaf) {
        String algorithm = signatureAlgorithm(key.getAlgorithm());
        if (algorithm == null) {
            return true; // a key type we cannot test cheaply: the handshake will tell
        }
        try {
            Signature signer = Signature.getInstance(algorithm);
            signer.initSign(key);
            signer.update(PROBE);
            byte[] signature = signer.sign();
            Signature verifier = Signature.getInstance(algorithm);
            verifier.initVerify(leaf.getPublicKey());
            verifier.update(PROBE);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false; // e.g. an EC key with an RSA certificate
        }
    }

    private static String signatureAlgorithm(String keyAlgorithm) {
        switch (keyAlgorithm) {
            case "RSA":
                return "SHA256withRSA";
            case "EC":
                return "SHA256withECDSA";
            case "Ed25519":
            case "Ed448":
            case "EdDSA":
                return keyAlgorithm;
            case "DSA":
                return "SHA256withDSA";
            default:
                return null;
        }
    }
}
