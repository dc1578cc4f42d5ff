package io.sipfront.daemon.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * The Sipfront daemon as a child process: {@code bin/sipfront run --config FILE}, its output
 * (stdout and stderr) captured to a file, ready when it logs {@value #READY}, stopped by PID
 * (SIGTERM, then SIGKILL after 10 s).
 *
 * <p>System property {@code sipfront.e2e.launcher} replaces {@code bin/sipfront} by another
 * executable taking the same {@code run --config FILE} arguments, e.g. to run the suite against
 * a reference proxy with the same behaviour.
 */
public final class SipfrontProcess implements AutoCloseable {
    /** Four times the daemon's log write interval (50 ms): long enough on a loaded box. */
    private static final long SETTLE_MS = 500;

    public static final String READY = "Sipfront ready";
    static final Duration STOP_GRACE = Duration.ofSeconds(10);

    private final Process process;
    private final Path logFile;
    private final List<String> command;

    private SipfrontProcess(Process process, Path logFile, List<String> command) {
        this.process = process;
        this.logFile = logFile;
        this.command = command;
    }

    /** Starts the daemon with {@code config}; output goes to {@code logFile} (its directory is created). */
    public static SipfrontProcess start(Path config, Path logFile) throws IOException {
        return start(List.of(), config, logFile);
    }

    /**
     * The same, with {@code prefix} in front of the command, e.g. {@code ip netns exec NS}; the prefix must exec the
     * command (as {@code ip netns exec} does) so that the PID stopped is the daemon's.
     */
    public static SipfrontProcess start(List<String> prefix, Path config, Path logFile) throws IOException {
        String launcher = System.getProperty("sipfront.e2e.launcher");
        Path exe = launcher != null && !launcher.isBlank()
                ? Path.of(launcher).toAbsolutePath()
                : E2e.home().resolve("bin/sipfront");
        List<String> command = new java.util.ArrayList<>(prefix);
        command.addAll(List.of(exe.toString(), "run", "--config", config.toAbsolutePath().toString()));
        Files.createDirectories(logFile.toAbsolutePath().getParent());
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(E2e.home().toFile())
                .redirectErrorStream(true)
                .redirectOutput(logFile.toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        // The audit trail goes next to the daemon's log, not into the repository.
        pb.environment().put("SIPFRONT_AUDIT_DIR", logFile.toAbsolutePath().getParent().toString());
        return new SipfrontProcess(pb.start(), logFile, command);
    }

    /**
     * Waits until the log shows {@value #READY}. Fails at once if the process exits first, and
     * after {@code timeout} otherwise (the process is then stopped), with the log's tail.
     */
    public SipfrontProcess awaitReady(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (log().contains(READY)) {
                return this;
            }
            if (!process.isAlive()) {
                throw new AssertionError("Sipfront exited with status " + process.exitValue()
                        + " before logging '" + READY + "'; command " + command + "\n" + tail(40));
            }
            Thread.sleep(100);
        }
        String tail = tail(40);
        stop();
        throw new AssertionError("Sipfront did not log '" + READY + "' within " + timeout.toSeconds()
                + " s; command " + command + "\n" + tail);
    }

    /** Everything the daemon printed so far (malformed UTF-8 replaced, never an exception). */
    public String log() {
        try {
            return new String(Files.readAllBytes(logFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * The log with every line logged before this call in it: the daemon's appenders write their queue every
     * 200 ms (BatchingAsyncAppender), so a check that a line is absent waits for that first.
     */
    public String settledLog() throws InterruptedException {
        Thread.sleep(SETTLE_MS);
        return log();
    }

    /** The last {@code lines} lines of the log, for failure messages. */
    public String tail(int lines) {
        List<String> all = log().lines().toList();
        return "--- " + logFile + " (last " + Math.min(lines, all.size()) + " lines) ---\n"
                + String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    }

    /** The first log line matching {@code test}, waiting up to {@code timeout} for it to appear. */
    public Optional<String> awaitLogLine(Predicate<String> test, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (true) {
            Optional<String> line = log().lines().filter(test).findFirst();
            if (line.isPresent() || System.nanoTime() >= deadline) {
                return line;
            }
            Thread.sleep(100);
        }
    }

    /** The per-call log line ("call ... call_id=ID ...") of the call whose Call-ID starts with {@code callIdPrefix}. */
    public Optional<String> awaitCallLine(String callIdPrefix, Duration timeout) throws InterruptedException {
        return awaitLogLine(l -> l.contains("call ") && l.contains("call_id=" + callIdPrefix), timeout);
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    public Path logFile() {
        return logFile;
    }

    /** The audit trail's lines so far (one JSON object each), empty when there are none yet. */
    public List<String> auditLines() {
        try {
            Path audit = logFile.toAbsolutePath().getParent().resolve("audit.log");
            return Files.exists(audit) ? Files.readAllLines(audit, StandardCharsets.UTF_8) : List.of();
        } catch (IOException e) {
            return List.of();
        }
    }

    /** SIGTERM, wait up to 10 s, then SIGKILL. Only ever this one process. */
    public void stop() throws InterruptedException {
        if (!process.isAlive()) {
            return;
        }
        process.destroy();
        if (!process.waitFor(STOP_GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly();
            process.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
