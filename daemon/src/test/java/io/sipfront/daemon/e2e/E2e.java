package io.sipfront.daemon.e2e;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** Where things are for the end-to-end tests: the repository, SIPp, the work directory; CI or not. */
public final class E2e {
    /** Sipfront's own address in the loopback topology. */
    public static final String PROXY = "127.0.0.1:5060";
    public static final String PLATFORM_1 = "127.0.0.10";
    public static final String PLATFORM_2 = "127.0.0.11";
    public static final String CARRIER_A = "127.0.0.20";
    public static final String CARRIER_B = "127.0.0.21";
    /** Neither platform nor carrier: Sipfront must refuse it. */
    public static final String STRANGER = "127.0.0.99";
    public static final int SIP_PORT = 5060;
    /** The number the platform dials out to. */
    public static final String CALLED = "15551234567";

    /**
     * A Via value of Sipfront's: {@code SIP/2.0/UDP 127.0.0.1:5060;...} (TCP too; the default
     * port 5060 may be left out, RFC 3261 18.2.2).
     */
    public static final Pattern SIPFRONT_VIA = Pattern.compile("SIP/2\\.0/(?:UDP|TCP) 127\\.0\\.0\\.1(?::5060)?(?=[;,\\s]|$)",
            Pattern.CASE_INSENSITIVE);
    /** A Record-Route entry of Sipfront's: {@code <sip:127.0.0.1:5060;lr>}, any other parameters, port optional. */
    public static final Pattern SIPFRONT_RR = Pattern.compile("<sip:127\\.0\\.0\\.1(?::5060)?(?:;[^>]*)?;lr(?:[;=][^>]*)?>",
            Pattern.CASE_INSENSITIVE);

    private E2e() {
    }

    /** Repository root: system property {@code sipfront.home} (set by failsafe), else found upwards from the CWD. */
    public static Path home() {
        String prop = System.getProperty("sipfront.home");
        if (prop != null && !prop.isBlank()) {
            return Path.of(prop).toAbsolutePath().normalize();
        }
        Path dir = Path.of("").toAbsolutePath();
        for (Path p = dir; p != null; p = p.getParent()) {
            if (Files.isDirectory(p.resolve("sipp-scenarios")) && Files.isRegularFile(p.resolve("pom.xml"))) {
                return p;
            }
        }
        throw new IllegalStateException("cannot find the repository root from " + dir + "; set -Dsipfront.home");
    }

    public static Path scenario(String name) {
        Path p = home().resolve("sipp-scenarios").resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no such scenario: " + p);
        }
        return p;
    }

    /** Test configs live in src/test/resources/e2e/ (copied to target/test-classes/e2e/). */
    public static Path config(String name) {
        Path p = home().resolve("daemon/src/test/resources/e2e").resolve(name);
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException("no such test config: " + p);
        }
        return p;
    }

    /** Everything a run leaves behind (daemon log, SIPp traces) goes under daemon/target/e2e/. */
    public static Path workRoot() {
        return home().resolve("daemon/target/e2e");
    }

    /** True when the CI variable is set to anything but "false" or "0". */
    public static boolean isCi() {
        String ci = System.getenv("CI");
        return ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
    }

    /** The sipp executable on the PATH, if any. */
    public static Optional<Path> sipp() {
        String path = System.getenv("PATH");
        if (path == null) {
            return Optional.empty();
        }
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            Path p = Path.of(dir, "sipp");
            if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** True if the topmost Via of a message (as SIPp traces it, or a value) is Sipfront's. */
    public static boolean topViaIsSipfront(String message) {
        for (String line : message.split("\r?\n")) {
            if (line.regionMatches(true, 0, "Via:", 0, 4) || line.regionMatches(true, 0, "v:", 0, 2)) {
                String value = line.substring(line.indexOf(':') + 1).trim();
                java.util.regex.Matcher m = SIPFRONT_VIA.matcher(value);
                return m.find() && m.start() == 0;
            }
        }
        return SIPFRONT_VIA.matcher(message).lookingAt();
    }

    static String fileName(String s) {
        return s.replaceAll("[^A-Za-z0-9._-]+", "_").toLowerCase(Locale.ROOT);
    }
}
