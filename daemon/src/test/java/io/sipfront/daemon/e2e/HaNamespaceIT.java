package io.sipfront.daemon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The two-node HA acceptance test (issue 6): {@code ha/ha-namespace-test.sh} builds the namespace topology, runs
 * both daemons from {@code config/examples/ha-node*.yaml} under SIPp load, and checks from a capture on the bridge
 * that a kill -9 of the master is taken over within 300 ms and a clean stop within 50 ms with zero failed calls,
 * preempt_delay and nopreempt, and split-brain healing. Needs root, arping and tcpdump: in CI their absence fails
 * the test (bin/test installs the tools); elsewhere it is skipped.
 */
class HaNamespaceIT {
    /** The script's own phases are bounded; this only catches a hang. */
    static final long TIMEOUT_SECONDS = 300;
    /** The script's "cannot run here" status (not root, a tool missing). */
    static final int CANNOT_RUN = 77;

    @Test
    void takeoverAfterCrashAndCleanStopKeepsEveryCallUpAndOneMasterAfterSplitBrain() throws Exception {
        Path work = E2e.workRoot().resolve("HaNamespaceIT");
        Files.createDirectories(work);
        Path output = work.resolve("script.log");
        Process script = new ProcessBuilder(E2e.home().resolve("ha/ha-namespace-test.sh").toString(),
                work.toString()).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!script.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            // TERM, not KILL: the script's trap removes the namespaces and stops what it started.
            script.destroy();
            script.waitFor(30, TimeUnit.SECONDS);
            fail("the HA test did not finish within " + TIMEOUT_SECONDS + " s; see " + output);
        }
        String log = Files.readString(output, StandardCharsets.UTF_8);
        System.out.println(log);
        if (script.exitValue() == CANNOT_RUN) {
            if (E2e.isCi()) {
                fail("CI must run the HA test (as root, with arping and tcpdump; bin/test installs them): " + log);
            }
            assumeTrue(false, "cannot run the HA namespace test here: " + log.strip());
        }
        assertEquals(0, script.exitValue(), "HA checks failed:\n" + log);
    }
}
