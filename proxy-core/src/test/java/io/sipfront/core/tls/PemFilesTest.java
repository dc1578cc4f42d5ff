package io.sipfront.core.tls;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Our own certificate and key as operators hand them over, and the messages when they are not usable. */
class PemFilesTest {
    static final String HINT =
            "convert it with 'openssl pkcs8 -topk8 -nocrypt -in OLD.key -out NEW.key' (gives BEGIN PRIVATE KEY)";
    final TestPki pki = TestPki.get();
    @TempDir
    Path dir;

    @Test
    void pkcs8KeysOfEachCommonTypeAreRead() throws Exception {
        Path rsaKey = dir.resolve("rsa.key");
        Path rsaCert = dir.resolve("rsa.crt");
        pki.openssl("req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", rsaKey.toString(),
                "-subj", "/CN=rsa.sipfront.test", "-days", "1", "-out", rsaCert.toString());
        assertTrue(Files.readString(rsaKey).startsWith("-----BEGIN PRIVATE KEY-----"));
        assertEquals("RSA", OwnIdentity.load(new CertificateFiles(rsaCert, rsaKey)).key().getAlgorithm());
        assertEquals("EC", OwnIdentity.load(pki.platform.files()).key().getAlgorithm());
        Path edKey = dir.resolve("ed.key");
        Path edCert = dir.resolve("ed.crt");
        pki.openssl("req", "-x509", "-newkey", "ed25519", "-nodes", "-keyout", edKey.toString(),
                "-subj", "/CN=ed.sipfront.test", "-days", "1", "-out", edCert.toString());
        assertEquals("EdDSA", OwnIdentity.load(new CertificateFiles(edCert, edKey)).key().getAlgorithm());
    }

    @Test
    void certificateAndKeyMayShareOneFileAsWithKamailio() throws Exception {
        Path both = dir.resolve("both.pem");
        Files.writeString(both, Files.readString(pki.platform.cert()) + Files.readString(pki.platform.key()));
        OwnIdentity identity = OwnIdentity.load(new CertificateFiles(both, both));
        assertEquals("CN=" + TestPki.PLATFORM, identity.leaf().getSubjectX500Principal().getName());
        assertEquals(java.util.List.of(both), new CertificateFiles(both, both).files());
    }

    @Test
    void chainKeepsFileOrderWithTheLeafFirst() throws Exception {
        Path chain = dir.resolve("chain.pem");
        Files.writeString(chain, Files.readString(pki.platform.cert()) + Files.readString(pki.ca));
        OwnIdentity identity = OwnIdentity.load(new CertificateFiles(chain, pki.platform.key()));
        assertEquals(2, identity.chain().size());
        assertEquals("CN=Sipfront Test CA", identity.chain().get(1).getSubjectX500Principal().getName());
    }

    @Test
    void traditionalAndEncryptedKeysAreRefusedWithTheCommandThatConvertsThem() throws Exception {
        Path rsa1 = dir.resolve("rsa1.key");
        pki.openssl("genrsa", "-traditional", "-out", rsa1.toString(), "2048");
        assertKeyRefused(rsa1, rsa1 + ": PKCS#1 RSA key (BEGIN RSA PRIVATE KEY); " + HINT);

        Path sec1 = dir.resolve("sec1.key");
        pki.openssl("ec", "-in", pki.platform.key().toString(), "-out", sec1.toString());
        assertTrue(Files.readString(sec1).contains("BEGIN EC PRIVATE KEY"));
        assertKeyRefused(sec1, sec1 + ": SEC1 EC key (BEGIN EC PRIVATE KEY); " + HINT);

        Path encrypted = dir.resolve("encrypted.key");
        pki.openssl("pkcs8", "-topk8", "-in", pki.platform.key().toString(), "-passout", "pass:secret",
                "-out", encrypted.toString());
        String message = assertKeyRefused(encrypted, null);
        assertTrue(message.startsWith(encrypted + ": the private key is encrypted"), message);

        Path legacyEncrypted = dir.resolve("legacy-encrypted.key");
        pki.openssl("genrsa", "-traditional", "-aes128", "-passout", "pass:secret", "-out",
                legacyEncrypted.toString(), "2048");
        assertTrue(Files.readString(legacyEncrypted).contains("Proc-Type: 4,ENCRYPTED"));
        assertKeyRefused(legacyEncrypted, legacyEncrypted + ": the private key is encrypted; Sipfront reads"
                + " unencrypted keys only (protect the file with its permissions): " + HINT);
    }

    @Test
    void keyOfAnotherCertificateIsRefused() throws Exception {
        TlsSetupException e = assertThrows(TlsSetupException.class,
                () -> OwnIdentity.load(new CertificateFiles(pki.platform.cert(), pki.wrongName.key())));
        assertEquals(pki.wrongName.key() + ": the private key does not belong to the certificate CN="
                + TestPki.PLATFORM + " in " + pki.platform.cert(), e.getMessage());
    }

    @Test
    void missingOrForeignFilesSayWhat() throws Exception {
        Path missing = dir.resolve("missing.crt");
        assertEquals(missing + ": no such file", assertThrows(TlsSetupException.class,
                () -> PemFiles.certificates(missing)).getMessage());
        assertEquals(pki.platform.key() + ": no certificate found (expected -----BEGIN CERTIFICATE-----)",
                assertThrows(TlsSetupException.class, () -> PemFiles.certificates(pki.platform.key())).getMessage());
        assertEquals(pki.platform.cert() + ": no private key found (expected -----BEGIN PRIVATE KEY-----)",
                assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(pki.platform.cert())).getMessage());
        Path der = dir.resolve("key.der");
        pki.openssl("pkey", "-in", pki.platform.key().toString(), "-outform", "DER", "-out", der.toString());
        assertEquals(der + ": not a PEM file (no -----BEGIN ...----- block)",
                assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(der)).getMessage());
    }

    @Test
    void caBundleWithoutCertificatesIsRefusedByName() throws Exception {
        Path empty = dir.resolve("ca.pem");
        Files.writeString(empty, "# no CA yet\n");
        assertEquals(empty + ": not a PEM file (no -----BEGIN ...----- block)",
                assertThrows(TlsSetupException.class, () -> PkixTrust.of(empty)).getMessage());
    }

    /** Asserts the refusal (exact text unless null) and that no key material leaks into it; returns the text. */
    private String assertKeyRefused(Path key, String expected) throws Exception {
        String message = assertThrows(TlsSetupException.class, () -> PemFiles.privateKey(key)).getMessage();
        if (expected != null) {
            assertEquals(expected, message);
        }
        String body = Files.readString(key).lines().filter(l -> !l.startsWith("-----") && !l.contains(":"))
                .filter(l -> !l.isBlank()).findFirst().orElseThrow();
        assertFalse(message.contains(body.substring(0, 16)), "key material in the message");
        return message;
    }
}
