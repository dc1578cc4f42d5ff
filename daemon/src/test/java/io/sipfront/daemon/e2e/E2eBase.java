package io.sipfront.daemon.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Base of the end-to-end test classes: one Sipfront daemon per class, started with
 * {@link #configName()} from {@code src/test/resources/e2e/}, and one work directory per test
 * under {@code daemon/target/e2e/<class>/<test>/} for the SIPp runs' files. After each test
 * the daemon must still be running.
 */
@ExtendWith(RequiresSipp.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class E2eBase {
    protected static final Duration READY_TIMEOUT = Duration.ofSeconds(60);
    /** Upper bound for one short SIPp client run (a few calls). */
    protected static final Duration SHORT_RUN = Duration.ofSeconds(40);

    protected SipfrontProcess sipfront;
    private Path classDir;
    private Path testDir;

    /** File name of the test config in {@code src/test/resources/e2e/}. */
    protected abstract String configName();

    /**
     * The config file the daemon is started with: by default {@link #configName()} as it is; a class that changes
     * its config while the daemon runs (reload tests) returns a copy in {@code classDir}.
     */
    protected Path configFile(Path classDir) throws IOException {
        return E2e.config(configName());
    }

    @BeforeAll
    void startSipfront() throws IOException, InterruptedException {
        classDir = E2e.workRoot().resolve(getClass().getSimpleName());
        deleteTree(classDir);
        Files.createDirectories(classDir);
        sipfront = SipfrontProcess.start(configFile(classDir), classDir.resolve("sipfront.log"));
        sipfront.awaitReady(READY_TIMEOUT);
    }

    @AfterAll
    void stopSipfront() throws InterruptedException {
        if (sipfront != null) {
            sipfront.stop();
        }
    }

    @BeforeEach
    void testDirectory(TestInfo info) throws IOException {
        testDir = classDir.resolve(E2e.fileName(info.getTestMethod().map(m -> m.getName()).orElse(info.getDisplayName())));
        deleteTree(testDir);
        Files.createDirectories(testDir);
    }

    @AfterEach
    void sipfrontStillRuns() {
        assertTrue(sipfront.isAlive(), () -> "Sipfront is no longer running\n" + sipfront.tail(60));
    }

    /** This test's work directory. */
    protected Path testDir() {
        return testDir;
    }

    /** A calling SIPp for this test (files in its work directory), sending to Sipfront. */
    protected Sipp uac(String scenario, String name) {
        return Sipp.uac(scenario).remote(E2e.PROXY).workDir(testDir).name(name);
    }

    /** An answering SIPp for this test, with a 2 s timewait (-d) for scenarios that use it. */
    protected Sipp uas(String scenario, String name) {
        return Sipp.uas(scenario).workDir(testDir).name(name).hold(Duration.ofSeconds(2));
    }

    /** Failure text with Sipfront's log tail. */
    protected String withLog(String message) {
        return message + "\n" + sipfront.tail(40);
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
