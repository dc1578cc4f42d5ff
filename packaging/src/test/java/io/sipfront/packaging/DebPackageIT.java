package io.sipfront.packaging;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The .deb that {@code mvn package} leaves in {@code packaging/target}: one file, the control fields an operator's
 * apt relies on, no lintian errors, and a real installation that runs as its unit says
 * ({@code src/test/sh/install-test.sh}: dpkg -i in a throw-away overlay of /, in namespaces of its own).
 */
class DebPackageIT {
    private static final Duration INSTALL_TEST_BOUND = Duration.ofMinutes(5);
    private static final Duration TOOL_BOUND = Duration.ofMinutes(2);

    private final Path targetDir = Path.of(System.getProperty("sipfront.deb.dir", "target")).toAbsolutePath();
    private final Path home = Path.of(System.getProperty("sipfront.home", "..")).toAbsolutePath().normalize();

    @Test
    void oneDebWithTheFieldsAptNeeds() throws Exception {
        Path deb = theDeb();
        require(onPath("dpkg-deb"), "dpkg-deb is not on the PATH");
        assertEquals("sipfront", field(deb, "Package"));
        assertEquals("all", field(deb, "Architecture"));
        String depends = field(deb, "Depends");
        assertTrue(depends.startsWith("openjdk-17-jre-headless | java17-runtime-headless"), depends);
        assertTrue(depends.contains("systemd-sysusers"), depends);
        Run conffiles = run(TOOL_BOUND, "dpkg-deb", "--info", deb.toString(), "conffiles");
        assertEquals(List.of("/etc/sipfront/logback.xml", "/etc/sipfront/sipfront.yaml"),
                conffiles.output().strip().lines().sorted().toList(), conffiles::output);
        // src/deb/doc/changelog names the version by hand: a new POM version needs a new changelog entry.
        Run changelog = run(TOOL_BOUND, "sh", "-c", "dpkg-deb --fsys-tarfile \"$1\" | tar -xOf - "
                + "./usr/share/doc/sipfront/changelog.gz | gzip -dc | head -n 1", "sh", deb.toString());
        assertTrue(changelog.output().startsWith("sipfront (" + field(deb, "Version") + ") "), changelog::output);
    }

    @Test
    void lintianFindsNoErrors() throws Exception {
        Path deb = theDeb();
        require(onPath("lintian"), "lintian is not on the PATH (bin/test installs it)");
        Run lintian = run(TOOL_BOUND, "lintian", "--fail-on", "error", deb.toString());
        System.out.println("lintian " + deb.getFileName() + ":\n" + lintian.output());
        List<String> errors = lintian.output().lines().filter(l -> l.startsWith("E: ")).toList();
        assertEquals(List.of(), errors);
        assertEquals(0, lintian.status(), lintian::output);
    }

    @Test
    void installsForRealAndRunsAsItsUnitSays() throws Exception {
        Path deb = theDeb();
        require(isRoot(), "the install test needs root (mount namespaces, overlay, chroot, dpkg)");
        for (String tool : List.of("unshare", "setpriv", "chroot", "sipp", "systemd-analyze")) {
            require(onPath(tool), tool + " is not on the PATH (bin/test installs what is missing)");
        }
        Path script = home.resolve("packaging/src/test/sh/install-test.sh");
        Run test = run(INSTALL_TEST_BOUND, script.toString(), deb.toString(), home.toString(),
                targetDir.resolve("install-test").toString());
        System.out.println(test.output());
        assertEquals(0, test.status(), () -> "install test failed (files in " + targetDir.resolve("install-test")
                + "):\n" + test.output());
        assertTrue(test.output().contains("install-test: PASSED"), test::output);
    }

    private Path theDeb() throws IOException {
        List<Path> debs;
        try (Stream<Path> files = Files.list(targetDir)) {
            debs = files.filter(p -> p.getFileName().toString().endsWith(".deb")).toList();
        }
        assertEquals(1, debs.size(), () -> "exactly one .deb expected in " + targetDir + ": " + debs);
        Path deb = debs.get(0);
        assertTrue(deb.getFileName().toString().matches("sipfront_[0-9][0-9A-Za-z.+~]*_all\\.deb"), deb::toString);
        return deb;
    }

    private static String field(Path deb, String name) throws Exception {
        Run r = run(TOOL_BOUND, "dpkg-deb", "--field", deb.toString(), name);
        assertEquals(0, r.status(), r::output);
        return r.output().strip();
    }

    /** Missing tools skip the test on a developer's machine but fail it in CI, where bin/test installs them. */
    private static void require(boolean present, String why) {
        if (present) {
            return;
        }
        String ci = System.getenv("CI");
        if (ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0")) {
            fail(why + ", and CI is set");
        }
        Assumptions.assumeTrue(false, why);
    }

    private static boolean isRoot() throws Exception {
        return run(TOOL_BOUND, "id", "-u").output().strip().equals("0");
    }

    private static boolean onPath(String tool) {
        String path = System.getenv().getOrDefault("PATH", "/usr/bin:/bin");
        for (String dir : path.split(":")) {
            if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        for (String dir : List.of("/usr/sbin", "/sbin")) {
            if (Files.isExecutable(Path.of(dir, tool))) {
                return true;
            }
        }
        return false;
    }

    private record Run(int status, String output) {
    }

    /** Runs a command with stdout and stderr together, killed (with what it started) past {@code bound}. */
    private static Run run(Duration bound, String... command) throws IOException, InterruptedException {
        Path out = Files.createTempFile("sipfront-deb-it", ".out");
        try {
            Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
                    .start();
            if (!p.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS)) {
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
                p.waitFor(10, TimeUnit.SECONDS);
                fail(String.join(" ", command) + " did not finish within " + bound + ":\n"
                        + Files.readString(out, StandardCharsets.UTF_8));
            }
            return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
