package io.sipfront.core.tls;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Our side of the handshake when we connect to a peer.
 *
 * @param caBundle     the CAs a server certificate must chain to, or null for the system's trust store
 * @param identity     our certificate for mutual TLS, or null to show none
 * @param verification how the server's name is checked against the SIP domain of the destination
 * @param handshake    versions and handshake timeout
 */
public record TlsClientSettings(Path caBundle, CertificateFiles identity, PeerVerification verification,
                                HandshakePolicy handshake) {
    public TlsClientSettings {
        if (caBundle != null) {
            TlsPaths.requireAbsolute(caBundle, "the CA bundle");
        }
        if (verification == null || handshake == null) {
            throw new IllegalArgumentException("the verification mode and the handshake policy are required");
        }
    }

    /** Strict RFC 5922 checks against a CA bundle, no client certificate, the default handshake policy. */
    public static TlsClientSettings strict(Path caBundle) {
        return new TlsClientSettings(caBundle, null, PeerVerification.STRICT, HandshakePolicy.DEFAULTS);
    }

    public boolean usesSystemTrust() {
        return caBundle == null;
    }

    /** Every file this side reads, the ones a reload watches (none of the system trust store). */
    public List<Path> files() {
        List<Path> files = new ArrayList<>();
        if (caBundle != null) {
            files.add(caBundle);
        }
        if (identity != null) {
            identity.files().stream().filter(f -> !files.contains(f)).forEach(files::add);
        }
        return List.copyOf(files);
    }
}
