package io.sipfront.core.tls;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads PEM certificates and unencrypted PKCS#8 keys with the JDK alone. Netty's own PEM reader is not public, and
 * reading here gives errors that name the file and say how to fix it (PKCS#1 and SEC1 keys from certbot or
 * {@code openssl genrsa} are common and need one {@code openssl pkcs8} call). A file may hold certificates and a key
 * together, as Kamailio allows.
 */
final class PemFiles {
    private static final Pattern BLOCK =
            Pattern.compile("-----BEGIN ([A-Z0-9 ]+)-----(.*?)-----END \\1-----", Pattern.DOTALL);
    private static final String[] KEY_ALGORITHMS = {"RSA", "EC", "Ed25519", "Ed448", "RSASSA-PSS", "DSA"};
    private static final String CONVERT =
            "convert it with 'openssl pkcs8 -topk8 -nocrypt -in OLD.key -out NEW.key' (gives BEGIN PRIVATE KEY)";

    /** One {@code BEGIN}/{@code END} block; the body is decoded only when used (legacy encrypted keys carry headers). */
    private record Block(Path file, String label, String body) {
        byte[] der() throws TlsSetupException {
            try {
                return Base64.getMimeDecoder().decode(body);
            } catch (IllegalArgumentException e) {
                throw new TlsSetupException(file + ": a " + label + " block is not valid base64");
            }
        }
    }

    private PemFiles() {
    }

    /** Every certificate in the file, in file order (for a chain: the leaf first). */
    static List<X509Certificate> certificates(Path file) throws TlsSetupException {
        List<X509Certificate> certificates = new ArrayList<>();
        for (Block block : blocks(file)) {
            if (block.label().equals("CERTIFICATE")) {
                certificates.add(certificate(file, block.der()));
            }
        }
        if (certificates.isEmpty()) {
            throw new TlsSetupException(file + ": no certificate found (expected -----BEGIN CERTIFICATE-----)");
        }
        return List.copyOf(certificates);
    }

    /** The one private key in the file. */
    static PrivateKey privateKey(Path file) throws TlsSetupException {
        List<Block> keys = blocks(file).stream().filter(b -> b.label().endsWith("PRIVATE KEY")).toList();
        if (keys.isEmpty()) {
            throw new TlsSetupException(file + ": no private key found (expected -----BEGIN PRIVATE KEY-----)");
        }
        if (keys.size() > 1) {
            throw new TlsSetupException(file + ": holds " + keys.size() + " private keys, expected one");
        }
        Block key = keys.get(0);
        if (key.label().equals("ENCRYPTED PRIVATE KEY") || key.body().contains("Proc-Type: 4,ENCRYPTED")) {
            throw new TlsSetupException(file + ": the private key is encrypted; Sipfront reads unencrypted keys"
                    + " only (protect the file with its permissions): " + CONVERT);
        }
        switch (key.label()) {
            case "PRIVATE KEY":
                return pkcs8(file, key.der());
            case "RSA PRIVATE KEY":
                throw new TlsSetupException(file + ": PKCS#1 RSA key (BEGIN RSA PRIVATE KEY); " + CONVERT);
            case "EC PRIVATE KEY":
                throw new TlsSetupException(file + ": SEC1 EC key (BEGIN EC PRIVATE KEY); " + CONVERT);
            default:
                throw new TlsSetupException(file + ": unsupported key type '" + key.label() + "'; " + CONVERT);
        }
    }

    private static List<Block> blocks(Path file) throws TlsSetupException {
        String text = new String(read(file), StandardCharsets.ISO_8859_1);
        List<Block> blocks = new ArrayList<>();
        Matcher m = BLOCK.matcher(text);
        while (m.find()) {
            blocks.add(new Block(file, m.group(1), m.group(2)));
        }
        if (blocks.isEmpty()) {
            throw new TlsSetupException(file + ": not a PEM file (no -----BEGIN ...----- block)");
        }
        return blocks;
    }

    private static byte[] read(Path file) throws TlsSetupException {
        try {
            return Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new TlsSetupException(file + ": no such file");
        } catch (AccessDeniedException e) {
            throw new TlsSetupException(file + ": permission denied");
        } catch (IOException e) {
            throw new TlsSetupException(file + ": cannot read (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static X509Certificate certificate(Path file, byte[] der) throws TlsSetupException {
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException e) {
            throw new TlsSetupException(file + ": a certificate cannot be decoded (" + e.getMessage() + ")");
        }
    }

    /** The key's algorithm is inside the PKCS#8 structure; trying the few the JDK knows is simpler than parsing DER. */
    private static PrivateKey pkcs8(Path file, byte[] der) throws TlsSetupException {
        PKCS8EncodedKeySpec spec = new PKCS8EncodedKeySpec(der);
        for (String algorithm : KEY_ALGORITHMS) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(spec);
            } catch (GeneralSecurityException | ClassCastException e) {
                // not this algorithm; the exception text may quote key bytes, so it is never kept
            }
        }
        throw new TlsSetupException(file + ": the PKCS#8 private key is none of " + String.join(", ", KEY_ALGORITHMS));
    }
}
