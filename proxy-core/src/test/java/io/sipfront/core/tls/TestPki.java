package io.sipfront.core.tls;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PKI made with the {@code openssl} command at test time (never checked in): one CA and the leaves the
 * TLS tests need, EC P-256 keys in unencrypted PKCS#8 ({@code BEGIN PRIVATE KEY}). Made once per JVM in a temporary
 * directory removed at exit. Leaves carry serverAuth and clientAuth, so each can serve as a client certificate.
 */
public final class TestPki {
    public static final String PLATFORM = "platform.sipfront.test";
    public static final String SIPFRONT = "sipfront.sipfront.test";

    /** A certificate file and its key file. */
    public record Leaf(Path cert, Path key) {
        CertificateFiles files() {
            return new CertificateFiles(cert, key);
        }
    }

    private static TestPki instance;

    public final Path dir;
    public final Path ca;
    public final Path caKey;
    public final Leaf platform;
    public final Leaf platformRenewed;
    public final Leaf wrongName;
    public final Leaf expired;
    public final Leaf notYetValid;
    public final Leaf selfSigned;
    public final Leaf ipOnly;
    public final Leaf wildcard;
    public final Leaf sipUri;
    public final Leaf commonNameOnly;
    public final Leaf sipfront;
    /** The same names as {@link #sipfront}, another key: a renewal. */
    public final Leaf sipfrontRenewed;
    public final Leaf topLevelWildcard;
    public final Leaf ipv6;
    public final Leaf sipUriWithUser;

    public static synchronized TestPki get() {
        if (instance == null) {
            try {
                instance = new TestPki(Files.createTempDirectory("sipfront-pki"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            Path dir = instance.dir;
            Runtime.getRuntime().addShutdownHook(new Thread(() -> deleteTree(dir)));
        }
        return instance;
    }

    private TestPki(Path dir) throws IOException {
        this.dir = dir;
        Files.writeString(dir.resolve("ca.cnf"), CA_CONFIG);
        Files.writeString(dir.resolve("index.txt"), "");
        Files.writeString(dir.resolve("serial"), "1000\n");
        caKey = key("ca");
        ca = dir.resolve("ca.pem");
        openssl("req", "-x509", "-new", "-key", caKey.toString(), "-subj", "/CN=Sipfront Test CA", "-days", "3650",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-out", ca.toString());
        platform = issue("platform", PLATFORM, "DNS:" + PLATFORM);
        platformRenewed = issue("platform-renewed", PLATFORM, "DNS:" + PLATFORM);
        wrongName = issue("wrong-name", "other.sipfront.test", "DNS:other.sipfront.test");
        expired = issue("expired", PLATFORM, "DNS:" + PLATFORM, "-startdate", "20190101000000Z",
                "-enddate", "20200101000000Z");
        notYetValid = issue("not-yet-valid", PLATFORM, "DNS:" + PLATFORM, "-startdate", "20990101000000Z",
                "-enddate", "21000101000000Z");
        ipOnly = issue("ip", "platform-by-address", "IP:127.0.0.1");
        wildcard = issue("wildcard", "*.sipfront.test", "DNS:*.sipfront.test");
        sipUri = issue("sip-uri", "sip-uri", "URI:sip:" + PLATFORM + ",DNS:other.sipfront.test");
        commonNameOnly = issue("cn-only", PLATFORM, null);
        sipfront = issue("sipfront", SIPFRONT, "IP:127.0.0.1,DNS:" + SIPFRONT);
        sipfrontRenewed = issue("sipfront-renewed", SIPFRONT, "IP:127.0.0.1,DNS:" + SIPFRONT);
        topLevelWildcard = issue("top-level-wildcard", "*.test", "DNS:*.test");
        ipv6 = issue("ipv6", "platform-v6", "IP:::1");
        sipUriWithUser = issue("sip-uri-user", "sip-uri-user",
                "URI:sip:alice@" + PLATFORM + ",URI:sips:other.sipfront.test,DNS:" + PLATFORM);
        Path selfKey = key("self-signed");
        Path selfCert = dir.resolve("self-signed.crt");
        openssl("req", "-x509", "-new", "-key", selfKey.toString(), "-subj", "/CN=" + PLATFORM, "-days", "365",
                "-addext", "subjectAltName=DNS:" + PLATFORM, "-out", selfCert.toString());
        selfSigned = new Leaf(selfCert, selfKey);
    }

    /** Copies a leaf's two files to {@code cert}/{@code key} in {@code target}, replacing what is there. */
    public static void install(Leaf leaf, Path cert, Path key) throws IOException {
        Files.copy(leaf.cert(), cert, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        Files.copy(leaf.key(), key, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }

    /** The first certificate of a PEM file. */
    public static java.security.cert.X509Certificate certificate(Path pem) throws Exception {
        try (java.io.InputStream in = Files.newInputStream(pem)) {
            return (java.security.cert.X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
                    .generateCertificate(in);
        }
    }

    /** Runs openssl in the PKI directory; fails the test with openssl's output when it fails. */
    String openssl(String... args) {
        return run(Map.of(), args);
    }

    private Leaf issue(String name, String commonName, String altNames, String... validity) throws IOException {
        Path key = key(name);
        Path csr = dir.resolve(name + ".csr");
        Path cert = dir.resolve(name + ".crt");
        openssl("req", "-new", "-key", key.toString(), "-subj", "/CN=" + commonName, "-out", csr.toString());
        List<String> args = new ArrayList<>(List.of("ca", "-batch", "-notext", "-config", "ca.cnf",
                "-cert", ca.toString(), "-keyfile", caKey.toString(),
                "-extensions", altNames == null ? "leaf_without_san" : "leaf", "-in", csr.toString(),
                "-out", cert.toString()));
        args.addAll(validity.length > 0 ? List.of(validity) : List.of("-days", "365"));
        run(Map.of("SAN", altNames == null ? "none" : altNames), args.toArray(String[]::new));
        return new Leaf(cert, key);
    }

    private Path key(String name) {
        Path key = dir.resolve(name + ".key");
        openssl("genpkey", "-algorithm", "EC", "-pkeyopt", "ec_paramgen_curve:P-256", "-out", key.toString());
        return key;
    }

    private String run(Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
            builder.environment().putAll(env);
            Process process = builder.start();
            process.getOutputStream().close();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(30, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail("openssl failed: " + String.join(" ", command) + "\n" + output);
            }
            return output;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run openssl (Debian package openssl)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    private static final String CA_CONFIG = String.join("\n",
            "[ca]",
            "default_ca = testca",
            "[testca]",
            "dir = .",
            "database = index.txt",
            "new_certs_dir = .",
            "serial = serial",
            "default_md = sha256",
            "policy = anything",
            "unique_subject = no",
            "copy_extensions = none",
            "[anything]",
            "commonName = supplied",
            "[leaf]",
            "basicConstraints = critical,CA:FALSE",
            "keyUsage = critical,digitalSignature,keyEncipherment",
            "extendedKeyUsage = serverAuth,clientAuth",
            "subjectAltName = ${ENV::SAN}",
            "[leaf_without_san]",
            "basicConstraints = critical,CA:FALSE",
            "keyUsage = critical,digitalSignature,keyEncipherment",
            "extendedKeyUsage = serverAuth,clientAuth",
            "");
}
