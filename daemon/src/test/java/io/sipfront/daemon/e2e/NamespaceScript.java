package io.sipfront.daemon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * Runs one of the namespace acceptance scripts ({@code ha/*-namespace-test.sh WORK_DIR}) and turns its exit status
 * into the test's result: 0 passed, 77 cannot run here (skipped, or failed in CI), anything else failed.
 */
final class NamespaceScript {
    /** The scripts' "cannot run here" status (not root, a tool missing). */
    static final int CANNOT_RUN = 77;

    private NamespaceScript() {
    }

    /**
     * @param script         path under the repository, e.g. {@code ha/ha-namespace-test.sh}
     * @param name           names the work directory and the messages
     * @param needs          what CI must provide, for the failure message
     * @param timeoutSeconds only catches a hang: the scripts bound their own phases
     */
    static void run(String script, String name, String needs, long timeoutSeconds) throws Exception {
        Path work = E2e.workRoot().resolve(name);
        Files.createDirectories(work);
        Path output = work.resolve("script.log");
        Process process = new ProcessBuilder(E2e.home().resolve(script).toString(), work.toString())
                .redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
            // TERM, not KILL: the script's trap removes the namespaces and stops what it started.
            process.destroy();
            process.waitFor(30, TimeUnit.SECONDS);
            fail(script + " did not finish within " + timeoutSeconds + " s; see " + output);
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(log);
        if (process.exitValue() == CANNOT_RUN) {
            if (E2e.isCi()) {
                fail("CI must run " + script + " (" + needs + "; bin/test installs them): " + log);
            }
            assumeTrue(false, "cannot run " + script + " here: " + log.strip());
        }
        assertEquals(0, process.exitValue(), name + " checks failed:\n" + log);
    }
}
