package io.sipfront.core.tls;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Kamailio with its tls module, in the foreground, for one test class: a SIP peer nobody here wrote. Its
 * config marks readiness with a log line from {@code event_route[core:worker-one-init]} (the sockets are bound
 * before the workers start), so the test waits for that line instead of polling ports. Stopped by its PID.
 */
public final class Kamailio implements AutoCloseable {
    public static final String READY = "SIPFRONT-TEST-READY";
    private static final String END = "\u0000end of output";
    public static final String MODULES = "/usr/lib/x86_64-linux-gnu/kamailio/modules/";
    private final Path dir;
    private final StringBuffer log = new StringBuffer();
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private Process process;

    public Kamailio(Path dir) {
        this.dir = dir;
    }

    /** Skips without Kamailio on a developer machine; fails in CI, where bin/test installs it. */
    public static void requireInstalled() {
        boolean present = new File("/usr/sbin/kamailio").canExecute() && new File(MODULES + "tls.so").exists();
        String ci = System.getenv("CI");
        if (!present && ci != null && !ci.isBlank() && !ci.equals("false") && !ci.equals("0")) {
            fail("kamailio or its tls module is missing and CI is set: bin/test installs kamailio and"
                    + " kamailio-tls-modules");
        }
        Assumptions.assumeTrue(present, "kamailio with kamailio-tls-modules not installed: skipping");
    }

    /** Writes the two files and starts Kamailio; returns once its first worker runs. */
    public void start(String config, String tlsConfig) throws IOException, InterruptedException {
        Path cfg = dir.resolve("kamailio.cfg");
        Files.writeString(cfg, config.replace("@TLS_CFG@", dir.resolve("tls.cfg").toString())
                .replace("@MODULES@", MODULES));
        Files.writeString(dir.resolve("tls.cfg"), tlsConfig);
        process = new ProcessBuilder("/usr/sbin/kamailio", "-f", cfg.toString(), "-DD", "-E",
                "-Y", dir.toString(), "-w", dir.toString())
                .directory(dir.toFile()).redirectErrorStream(true).start();
        process.getOutputStream().close();
        Thread reader = new Thread(this::readOutput, "kamailio-output");
        reader.setDaemon(true);
        reader.start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        for (String line = ""; line != null && !line.equals(END); ) {
            line = lines.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (line != null && line.contains(READY)) {
                return;
            }
        }
        stop();
        fail("kamailio did not start:\n" + log);
    }

    public String log() {
        return log.toString();
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                log.append(line).append('\n');
                lines.add(line);
            }
        } catch (IOException e) {
            log.append("(output ended: ").append(e).append(")\n");
        }
        lines.add(END); // wakes a waiting start() when the process dies early
    }

    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy(); // SIGTERM: the main process stops its children
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() {
        try {
            stop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
