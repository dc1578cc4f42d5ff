package io.sipfront.core.tls;

import java.nio.file.Path;
import java.util.List;

/**
 * Our own certificate and key, as PEM files (the same file may hold both, as with Kamailio).
 *
 * @param certificateChain the leaf first, then any intermediates
 * @param privateKey       an unencrypted PKCS#8 key ({@code BEGIN PRIVATE KEY})
 */
public record CertificateFiles(Path certificateChain, Path privateKey) {
    public CertificateFiles {
        TlsPaths.requireAbsolute(certificateChain, "the certificate file");
        TlsPaths.requireAbsolute(privateKey, "the private key file");
    }

    List<Path> files() {
        return certificateChain.equals(privateKey) ? List.of(certificateChain) : List.of(certificateChain, privateKey);
    }
}
