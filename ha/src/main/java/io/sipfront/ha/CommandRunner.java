package io.sipfront.ha;

import java.io.IOException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs an external command to completion. An interface so the VIP logic is tested without root. */
interface CommandRunner {
    /** @return the exit status, or -1 if it could not be started or ran past {@code timeoutMs} */
    int run(List<String> argv, long timeoutMs);

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
