package io.sipfront.core.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A TLS listener's side of the handshake.
 *
 * @param identity     our certificate chain and key
 * @param clientAuth   whether connecting peers must show a certificate
 * @param clientCa     the CAs a client certificate must chain to: required unless {@code clientAuth} is
 *                     {@link ClientAuthMode#NONE}, and refused then (it would look like clients are checked)
 * @param handshake    versions and handshake timeout
 */
public record TlsServerSettings(CertificateFiles identity, ClientAuthMode clientAuth, Path clientCa,
                                HandshakePolicy handshake) {
    public TlsServerSettings {
        if (identity == null) {
            throw new IllegalArgumentException("a TLS listener needs a certificate and a private key");
        }
        if (clientAuth == null || handshake == null) {
            throw new IllegalArgumentException("client_auth and the handshake policy are required");
        }
        if (clientAuth == ClientAuthMode.NONE && clientCa != null) {
            throw new IllegalArgumentException("a client CA bundle is set but client certificates are not asked for:"
                    + " set client_auth to optional or require, or remove the client CA bundle");
        }
        if (clientAuth != ClientAuthMode.NONE) {
            TlsPaths.requireAbsolute(clientCa, "the client CA bundle (needed with client_auth "
                    + clientAuth.name().toLowerCase(java.util.Locale.ROOT) + ")");
        }
    }

    /** A listener that asks for no client certificate, with the default handshake policy. */
    public static TlsServerSettings of(CertificateFiles identity) {
        return new TlsServerSettings(identity, ClientAuthMode.NONE, null, HandshakePolicy.DEFAULTS);
    }

    /** Every file this side reads, the ones a reload watches. */
    public List<Path> files() {
        List<Path> files = new ArrayList<>(identity.files());
        if (clientCa != null && !files.contains(clientCa)) {
            files.add(clientCa);
        }
        return List.copyOf(files);
    }
}
