package io.sipfront.daemon.e2e;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * One bounded SIPp run. Every run gets {@code -m}, {@code -timeout}, {@code -recv_timeout} and
 * {@code -nostdin}, writes its statistics ({@code -trace_stat}), errors ({@code -trace_err}) and
 * every message ({@code -trace_msg}) into its own work directory, and is stopped by the PID of
 * the process started here at a hard deadline.
 *
 * <pre>{@code
 * try (Sipp.Run carrier = Sipp.uas("uas.xml").local(CARRIER_A).workDir(dir).name("carrier-a").start()) {
 *     Sipp.Result caller = Sipp.uac("uac.xml").local(PLATFORM_1).remote(PROXY).calls(2)
 *             .workDir(dir).name("caller").start().await(Duration.ofSeconds(30));
 *     caller.assertAllSucceeded(2);
 *     assertEquals(2, carrier.stop().counter("invite"));
 * }
 * }</pre>
 *
 * <p>SIPp 3.6 quirks this class works around: {@code -set} must come after {@code -sf} (the
 * scenario declares the variable); {@code -timeout} only stops new calls, and SIGTERM exits
 * without the final statistics line, so a run is ended with SIGUSR1 (finish open calls, which
 * sit out their timewait), a second SIGUSR1 (abort them), then SIGTERM and SIGKILL. A second
 * SIGUSR1 can leave SIPp hanging with calls it aborted still counted as open, hence the
 * SIGTERM after it.
 */
public final class Sipp {
    public enum Transport {
        UDP("u1"), TCP("t1");

        final String flag;

        Transport(String flag) {
            this.flag = flag;
        }
    }

    private final String scenario;
    private final boolean client;
    private String localIp = "127.0.0.1";
    private int localPort = E2e.SIP_PORT;
    private Transport transport = Transport.UDP;
    private String remote;
    private String service = E2e.CALLED;
    private Integer calls;
    private double rate = 10;
    private Duration hold;
    private Integer lost;
    private Duration recvTimeout;
    private Duration timeout;
    private String callIdPrefix;
    private final Map<String, String> vars = new LinkedHashMap<>();
    private final List<String> extraArgs = new ArrayList<>();
    private Path workDir;
    private String name;

    private Sipp(String scenario, boolean client) {
        this.scenario = scenario;
        this.client = client;
    }

    /** A calling SIPp (client mode) playing {@code scenario} from {@code sipp-scenarios/}; needs {@link #remote} and {@link #calls}. */
    public static Sipp uac(String scenario) {
        return new Sipp(scenario, true);
    }

    /** An answering SIPp (server mode) playing {@code scenario} from {@code sipp-scenarios/}. */
    public static Sipp uas(String scenario) {
        return new Sipp(scenario, false);
    }

    /** Local address ({@code -i}); port 5060 unless {@link #local(String, int)}. */
    public Sipp local(String ip) {
        return local(ip, E2e.SIP_PORT);
    }

    public Sipp local(String ip, int port) {
        this.localIp = ip;
        this.localPort = port;
        return this;
    }

    public Sipp transport(Transport t) {
        this.transport = t;
        return this;
    }

    /** Where a client sends everything, e.g. {@code "127.0.0.1:5060"}. */
    public Sipp remote(String hostPort) {
        this.remote = hostPort;
        return this;
    }

    /** Called user ({@code -s}), default {@value E2e#CALLED}. */
    public Sipp service(String user) {
        this.service = user;
        return this;
    }

    /** {@code -m}: a client places this many calls and exits; a server default is 1000 (it is stopped by {@link Run#stop}). */
    public Sipp calls(int n) {
        this.calls = n;
        return this;
    }

    /** {@code -r}, calls per second (default 10). */
    public Sipp rate(double cps) {
        this.rate = cps;
        return this;
    }

    /** {@code -d}: the scenario's {@code <pause/>} (hold time), or the timewait of uas.xml. */
    public Sipp hold(Duration d) {
        this.hold = d;
        return this;
    }

    /** {@code -lost}: percentage of messages SIPp drops on purpose, sending and receiving. */
    public Sipp lost(int percent) {
        this.lost = percent;
        return this;
    }

    /** {@code -recv_timeout}: a call waiting longer than this for an expected message fails (default 5 s client, 10 s server). */
    public Sipp recvTimeout(Duration d) {
        this.recvTimeout = d;
        return this;
    }

    /** {@code -timeout}: SIPp places no new calls after this (default: calls/rate + 20 s client, 120 s server). */
    public Sipp timeout(Duration d) {
        this.timeout = d;
        return this;
    }

    /** Call-IDs become {@code PREFIX-<call number>-<pid>@<local ip>} ({@code -cid_str}), to find the calls in Sipfront's log. */
    public Sipp callIdPrefix(String prefix) {
        this.callIdPrefix = prefix;
        return this;
    }

    /** {@code -set name value}: a global variable the scenario declares (e.g. {@code extra_hdr}). */
    public Sipp set(String variable, String value) {
        vars.put(variable, value);
        return this;
    }

    /** Any other SIPp arguments, appended last. */
    public Sipp args(String... args) {
        extraArgs.addAll(List.of(args));
        return this;
    }

    /** Directory for this run's files; created if missing. Required. */
    public Sipp workDir(Path dir) {
        this.workDir = dir;
        return this;
    }

    /** Prefix of this run's files (default: the scenario name). */
    public Sipp name(String n) {
        this.name = n;
        return this;
    }

    /** The SIPp command line this run would use. */
    public List<String> command() {
        Objects.requireNonNull(workDir, "workDir");
        String n = baseName();
        List<String> cmd = new ArrayList<>();
        cmd.add(E2e.sipp().map(Path::toString).orElse("sipp"));
        cmd.addAll(List.of("-sf", E2e.scenario(scenario).toString()));
        for (Map.Entry<String, String> v : vars.entrySet()) {   // after -sf: the scenario declares them
            cmd.addAll(List.of("-set", v.getKey(), v.getValue()));
        }
        if (client) {
            Objects.requireNonNull(remote, "remote");
            Objects.requireNonNull(calls, "calls");
            cmd.add(remote);
            cmd.addAll(List.of("-s", service, "-r", fmt(rate)));
        }
        int m = calls != null ? calls : 1000;
        cmd.addAll(List.of("-i", localIp, "-p", Integer.toString(localPort), "-t", transport.flag,
                "-m", Integer.toString(m),
                "-timeout", seconds(effectiveTimeout()),
                "-recv_timeout", Long.toString(effectiveRecvTimeout().toMillis()),
                "-nostdin",
                "-trace_stat", "-stf", workDir.resolve(n + ".stat.csv").toString(),
                "-trace_err", "-error_file", workDir.resolve(n + ".errors.log").toString(),
                "-trace_msg", "-message_file", workDir.resolve(n + ".messages.log").toString()));
        if (hold != null) {
            cmd.addAll(List.of("-d", Long.toString(hold.toMillis())));
        }
        if (lost != null) {
            cmd.addAll(List.of("-lost", Integer.toString(lost)));
        }
        if (callIdPrefix != null) {
            cmd.addAll(List.of("-cid_str", callIdPrefix + "-%u-%p@%s"));
        }
        cmd.addAll(extraArgs);
        return cmd;
    }

    Duration effectiveTimeout() {
        if (timeout != null) {
            return timeout;
        }
        if (client) {
            return Duration.ofMillis((long) Math.ceil(calls * 1000.0 / Math.max(rate, 0.001))).plusSeconds(20);
        }
        return Duration.ofSeconds(120);
    }

    Duration effectiveRecvTimeout() {
        return recvTimeout != null ? recvTimeout : Duration.ofSeconds(client ? 5 : 10);
    }

    /** How long a client run may take at most before it is killed: placing calls, holding them, waiting for replies. */
    Duration naturalBound() {
        Duration h = hold != null ? hold : Duration.ZERO;
        return effectiveTimeout().plus(h).plus(effectiveRecvTimeout().multipliedBy(2)).plusSeconds(10);
    }

    private String baseName() {
        return E2e.fileName(name != null ? name : scenario.replaceFirst("\\.xml$", ""));
    }

    /** Starts SIPp; for a server, waits a moment and fails if it has already exited (e.g. its port is taken). */
    public Run start() throws IOException, InterruptedException {
        Files.createDirectories(workDir);
        String n = baseName();
        for (String suffix : List.of(".stat.csv", ".errors.log", ".messages.log", ".out")) {
            Files.deleteIfExists(workDir.resolve(n + suffix));
        }
        List<String> cmd = command();
        Files.writeString(workDir.resolve(n + ".cmd"), String.join(" ", cmd) + "\n");
        Process p = new ProcessBuilder(cmd)
                .directory(workDir.toFile())
                .redirectErrorStream(true)
                .redirectOutput(workDir.resolve(n + ".out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                .start();
        Run run = new Run(this, p, workDir, n, cmd);
        if (!client) {
            // a server that cannot bind exits at once; give it the time to get there
            if (p.waitFor(300, TimeUnit.MILLISECONDS)) {
                throw new AssertionError("SIPp server " + n + " exited at once with status " + p.exitValue()
                        + "\n" + run.outputTail());
            }
        }
        return run;
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? Long.toString((long) d) : Double.toString(d);
    }

    private static String seconds(Duration d) {
        return Long.toString(Math.max(1, (d.toMillis() + 999) / 1000));
    }

    /** A started SIPp process. Closing it stops it (quickly) if it still runs. */
    public static final class Run implements AutoCloseable {
        private final Sipp spec;
        private final Process process;
        private final Path dir;
        private final String name;
        private final List<String> command;
        private final long startedNanos = System.nanoTime();
        private Result result;

        private Run(Sipp spec, Process process, Path dir, String name, List<String> command) {
            this.spec = spec;
            this.process = process;
            this.dir = dir;
            this.name = name;
            this.command = command;
        }

        public long pid() {
            return process.pid();
        }

        public boolean isAlive() {
            return process.isAlive();
        }

        /**
         * Waits for SIPp to exit by itself, at most {@code deadline} (capped to what the run's own
         * bounds allow); then stops it by PID. Returns its result either way.
         */
        public Result await(Duration deadline) throws InterruptedException {
            if (result != null) {
                return result;
            }
            Duration bound = spec.client && deadline.compareTo(spec.naturalBound()) > 0 ? spec.naturalBound() : deadline;
            boolean exited = process.waitFor(bound.toMillis(), TimeUnit.MILLISECONDS);
            boolean killed = false;
            if (!exited) {
                terminate(Duration.ofSeconds(2));
                killed = true;
            }
            return finish(killed);
        }

        /**
         * Ends a (server) run: SIGUSR1 so open calls finish (their timewait included) within
         * {@code grace}, then a second SIGUSR1, SIGTERM, SIGKILL. The result's counts are
         * complete only if SIPp exited on the first SIGUSR1 (see {@link Result#killed()}).
         */
        public Result stop(Duration grace) throws InterruptedException {
            if (result != null) {
                return result;
            }
            boolean killed = terminate(grace);
            return finish(killed);
        }

        /** {@link #stop(Duration)} with 5 s grace: enough for the 2 s timewait the tests use. */
        public Result stop() throws InterruptedException {
            return stop(Duration.ofSeconds(5));
        }

        /** Returns true if SIPp had to be aborted (second SIGUSR1 or worse). */
        private boolean terminate(Duration grace) throws InterruptedException {
            if (!process.isAlive()) {
                return false;
            }
            signal("USR1");
            if (process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
                return false;
            }
            signal("USR1");
            if (process.waitFor(2, TimeUnit.SECONDS)) {
                return true;
            }
            process.destroy();
            if (!process.waitFor(2, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
            return true;
        }

        /** Sends a signal to this run's own process, by its PID, only while it is alive. */
        private void signal(String sig) throws InterruptedException {
            if (!process.isAlive()) {
                return;
            }
            try {
                Process kill = new ProcessBuilder("kill", "-" + sig, Long.toString(process.pid()))
                        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
                kill.waitFor(5, TimeUnit.SECONDS);
            } catch (IOException e) {
                process.destroy();
            }
        }

        private Result finish(boolean killed) {
            Duration elapsed = Duration.ofNanos(System.nanoTime() - startedNanos);
            int exit = process.isAlive() ? -1 : process.exitValue();
            result = new Result(name, command, exit, killed, elapsed, readStats(dir.resolve(name + ".stat.csv")),
                    read(dir.resolve(name + ".errors.log")), read(dir.resolve(name + ".messages.log")), outputTail(),
                    dir);
            return result;
        }

        String outputTail() {
            String out = read(dir.resolve(name + ".out"));
            return out.length() > 3000 ? out.substring(out.length() - 3000) : out;
        }

        @Override
        public void close() throws InterruptedException {
            if (result == null) {
                stop(Duration.ofSeconds(1));
            }
        }
    }

    /** What a SIPp run left: exit status, statistics (last line of the -trace_stat CSV), error and message logs. */
    public record Result(String name, List<String> command, int exitCode, boolean killed, Duration elapsed,
                         Map<String, String> stats, String errors, String messages, String output, Path dir) {

        /** Cumulative ({@code (C)}) value of a statistics column, 0 if absent. */
        public long stat(String column) {
            String v = stats.get(column.endsWith(")") ? column : column + "(C)");
            if (v == null || v.isBlank()) {
                return 0;
            }
            try {
                return (long) Double.parseDouble(v.trim());
            } catch (NumberFormatException e) {
                return 0;
            }
        }

        public long successful() {
            return stat("SuccessfulCall(C)");
        }

        public long failed() {
            return stat("FailedCall(C)");
        }

        /** A scenario counter ({@code counter="invite"} → column {@code invite(C)}). */
        public long counter(String counter) {
            return stat(counter + "(C)");
        }

        /** Exit status 0, {@code calls} successful and no failed call; otherwise an error with the evidence. */
        public Result assertAllSucceeded(int calls) {
            if (exitCode != 0 || successful() != calls || failed() != 0) {
                throw new AssertionError("SIPp " + name + ": expected exit 0 and " + calls + " successful calls, got exit "
                        + exitCode + ", " + successful() + " successful, " + failed() + " failed" + (killed ? " (killed at deadline)" : "")
                        + "\n" + evidence());
            }
            return this;
        }

        /**
         * For a server: no call failed and {@code counter} reached {@code expected}. (A server's
         * successful-call count also includes OPTIONS pings, so count calls with a scenario counter.)
         */
        public Result assertNoFailures(String counter, long expected) {
            if (failed() != 0 || counter(counter) != expected || killed) {
                throw new AssertionError("SIPp " + name + ": expected no failed call and " + counter + "=" + expected
                        + ", got " + failed() + " failed, " + counter + "=" + counter(counter)
                        + (killed ? " (killed: counts may be incomplete)" : "") + "\n" + evidence());
            }
            return this;
        }

        /** The received messages (from the message trace) whose first line starts with {@code startLine}. */
        public List<String> received(String startLine) {
            List<String> out = new ArrayList<>();
            for (String block : messages.split("-{20,}[^\\n]*\\n")) {
                int i = block.indexOf(" message received ");
                if (i < 0) {
                    continue;
                }
                int start = block.indexOf('\n', i);
                if (start < 0) {
                    continue;
                }
                String msg = block.substring(start + 1).replaceFirst("^\\s*\\n", "");
                if (msg.startsWith(startLine)) {
                    out.add(msg);
                }
            }
            return Collections.unmodifiableList(out);
        }

        /** Call-IDs the error log names (aborted or timed-out calls), in order of appearance. */
        public List<String> failedCallIds() {
            java.util.LinkedHashSet<String> ids = new java.util.LinkedHashSet<>();
            java.util.regex.Matcher m = java.util.regex.Pattern
                    .compile("Call-I[Dd]:? '?([^\\s',]+)").matcher(errors);
            while (m.find()) {
                ids.add(m.group(1));
            }
            return List.copyOf(ids);
        }

        /**
         * A one-line-per-message summary of what this SIPp sent, received or dropped for {@code callId}
         * (first line and CSeq of each message), to show where a call broke.
         */
        public String traceOf(String callId) {
            StringBuilder sb = new StringBuilder();
            for (String block : messages.split("-{20,} ")) {
                if (!block.contains("Call-ID: " + callId + "\n") && !block.contains("Call-ID: " + callId + "\r")) {
                    continue;
                }
                List<String> lines = block.lines().filter(l -> !l.isBlank()).toList();
                String event = lines.stream().filter(l -> l.contains("message")).findFirst().orElse("?");
                String first = lines.stream().filter(l -> l.startsWith("SIP/2.0") || l.matches("^[A-Z]+ \\S+ SIP/2\\.0$"))
                        .findFirst().orElse("?");
                String cseq = lines.stream().filter(l -> l.startsWith("CSeq:")).findFirst().orElse("");
                sb.append("  ").append(lines.isEmpty() ? "" : lines.get(0).replaceAll("\\s+", " ")).append(" | ")
                        .append(event.strip()).append(" | ").append(first).append(" | ").append(cseq).append('\n');
            }
            return sb.toString();
        }

        /** Failure details: command, statistics, error log and output tails, where the files are. */
        public String evidence() {
            StringBuilder sb = new StringBuilder();
            sb.append("command: ").append(String.join(" ", command)).append('\n');
            stats.forEach((k, v) -> {
                if (k.endsWith("(C)") && !v.isBlank() && !v.equals("0") && !k.contains("Time") && !k.contains("Length")) {
                    sb.append(k).append('=').append(v).append(' ');
                }
            });
            sb.append('\n');
            if (!errors.isBlank()) {
                sb.append("errors: ").append(errors.length() > 4000 ? errors.substring(0, 4000) + "..." : errors).append('\n');
            }
            if (!output.isBlank() && exitCode != 0) {
                sb.append("output tail: ").append(output).append('\n');
            }
            sb.append("files: ").append(dir);
            return sb.toString();
        }
    }

    static Map<String, String> readStats(Path csv) {
        Map<String, String> m = new LinkedHashMap<>();
        List<String> lines = read(csv).lines().filter(l -> !l.isBlank()).toList();
        if (lines.size() < 2) {
            return m;
        }
        String[] keys = lines.get(0).split(";", -1);
        String[] values = lines.get(lines.size() - 1).split(";", -1);
        for (int i = 0; i < keys.length && i < values.length; i++) {
            m.put(keys[i].trim(), values[i].trim());
        }
        return m;
    }

    static String read(Path p) {
        try {
            return new String(Files.readAllBytes(p), StandardCharsets.ISO_8859_1);
        } catch (IOException e) {
            return "";
        }
    }
}
