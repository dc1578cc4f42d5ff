package io.sipfront.ha;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.IntConsumer;

/** Runs an external command to completion. An interface so the VIP logic is tested without root. */
interface CommandRunner {
    /** @return the exit status, or -1 if it could not be started or ran past {@code timeoutMs} */
    int run(List<String> argv, long timeoutMs);

    /**
     * Starts the command and returns at once; {@code onExit} gets its status (-1: could not start) later.
     * For commands that linger after doing their work (arping waits a second for replies nobody sends).
     */
    default void start(List<String> argv, IntConsumer onExit) {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            process.onExit().thenAccept(p -> onExit.accept(p.exitValue()));
        } catch (IOException e) {
            onExit.accept(-1);
        }
    }

    CommandRunner PROCESS = (argv, timeoutMs) -> {
        try {
            Process process = new ProcessBuilder(argv).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!process.waitFor(timeoutMs, TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                return -1;
            }
            return process.exitValue();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    };
}
