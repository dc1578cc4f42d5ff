package io.sipfront.core.tls;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The settings refuse what cannot work, with a message the config loader puts after file:line:col. */
class TlsSettingsTest {
    static final Path CERT = Path.of("/etc/sipfront/tls/sipfront.crt");
    static final Path KEY = Path.of("/etc/sipfront/tls/sipfront.key");
    static final Path CA = Path.of("/etc/sipfront/tls/ca.pem");
    static final CertificateFiles OWN = new CertificateFiles(CERT, KEY);

    @Test
    void versionsAreTls12AndTls13Only() {
        assertEquals(TlsVersion.TLS_1_2, TlsVersion.parse("TLSv1.2"));
        assertEquals(TlsVersion.TLS_1_3, TlsVersion.parse("tlsv1.3"));
        assertEquals(TlsVersion.TLS_1_3, TlsVersion.parse("1.3"));
        assertEquals("'TLSv1.1' is not a supported TLS version: use TLSv1.2 or TLSv1.3 (TLS 1.1 and older are refused)",
                assertThrows(IllegalArgumentException.class, () -> TlsVersion.parse("TLSv1.1")).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TlsVersion.parse("SSLv3"));
    }

    @Test
    void handshakePolicyNeedsAVersionAndASaneTimeout() {
        assertArrayEquals(new String[] {"TLSv1.3", "TLSv1.2"}, HandshakePolicy.DEFAULTS.protocolNames());
        assertEquals(Duration.ofSeconds(5), HandshakePolicy.DEFAULTS.timeout());
        assertThrows(IllegalArgumentException.class, () -> new HandshakePolicy(Set.of(), Duration.ofSeconds(1)));
        assertEquals("the TLS handshake timeout must be more than 0 and at most 60 s, not PT0S",
                assertThrows(IllegalArgumentException.class,
                        () -> new HandshakePolicy(EnumSet.allOf(TlsVersion.class), Duration.ZERO)).getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> new HandshakePolicy(EnumSet.allOf(TlsVersion.class), Duration.ofSeconds(61)));
    }

    @Test
    void pathsMustBeResolvedAlready() {
        assertEquals("the private key file 'tls/sipfront.key' must be an absolute path (the config resolves relative"
                        + " paths against its own directory)",
                assertThrows(IllegalArgumentException.class,
                        () -> new CertificateFiles(CERT, Path.of("tls/sipfront.key"))).getMessage());
        assertThrows(IllegalArgumentException.class, () -> TlsClientSettings.strict(Path.of("ca.pem")));
    }

    @Test
    void clientCertificatesNeedACaBundleAndACaBundleNeedsClientCertificates() {
        assertEquals("the client CA bundle (needed with client_auth require) is missing",
                assertThrows(IllegalArgumentException.class, () -> new TlsServerSettings(OWN,
                        ClientAuthMode.REQUIRE, null, HandshakePolicy.DEFAULTS)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new TlsServerSettings(OWN,
                ClientAuthMode.NONE, CA, HandshakePolicy.DEFAULTS)).getMessage()
                .startsWith("a client CA bundle is set but client certificates are not asked for"));
        TlsServerSettings mutual = new TlsServerSettings(OWN, ClientAuthMode.OPTIONAL, CA, HandshakePolicy.DEFAULTS);
        assertEquals(List.of(CERT, KEY, CA), mutual.files());
    }

    @Test
    void clientSideWatchesItsFilesAndMayUseTheSystemTrustStore() {
        TlsClientSettings system = new TlsClientSettings(null, null, PeerVerification.STRICT, HandshakePolicy.DEFAULTS);
        assertTrue(system.usesSystemTrust());
        assertEquals(List.of(), system.files());
        TlsClientSettings mutual = new TlsClientSettings(CA, OWN, PeerVerification.RELAXED, HandshakePolicy.DEFAULTS);
        assertEquals(List.of(CA, CERT, KEY), mutual.files());
    }
}
