package io.sipfront.resolver;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.xbill.DNS.DClass;
import org.xbill.DNS.Message;
import org.xbill.DNS.Name;
import org.xbill.DNS.Rcode;
import org.xbill.DNS.Record;
import org.xbill.DNS.SimpleResolver;
import org.xbill.DNS.Type;

/**
 * A dnsmasq the test starts and stops: one listen address, port 53, never forwarding anywhere (--no-resolv, no
 * server). A records come from a hosts file that {@link #reload} re-reads; other records and {@code --local}
 * (answer "no such name" rather than REFUSED for a domain) are options.
 */
final class Dnsmasq {
    static final String BINARY = "/usr/sbin/dnsmasq";
    private static final Duration READY_WITHIN = Duration.ofSeconds(5);

    private final String listen;
    private final Process process;
    private final Path log;

    private Dnsmasq(String listen, Process process, Path log) {
        this.listen = listen;
        this.process = process;
        this.log = log;
    }

    /** Why dnsmasq cannot run here, if it cannot: it needs root to bind port 53, and the binary. */
    static Optional<String> cannotRun() throws IOException, InterruptedException {
        Process id = new ProcessBuilder("id", "-u").redirectErrorStream(true).start();
        String uid = new String(id.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).strip();
        id.waitFor();
        if (!"0".equals(uid)) {
            return Optional.of("needs root to run dnsmasq on port 53 (uid " + uid + ")");
        }
        if (!Files.isExecutable(Path.of(BINARY))) {
            return Optional.of("dnsmasq is not installed (Debian package dnsmasq-base; bin/test installs it)");
        }
        return Optional.empty();
    }

    /**
     * Starts dnsmasq on {@code listen}:53 answering with {@code ttl} seconds for local records, and waits until
     * it answers.
     *
     * @param hostsFile null for none
     */
    static Dnsmasq start(String listen, Path dir, Path hostsFile, int ttl, List<String> records)
            throws IOException, InterruptedException {
        Path log = dir.resolve("dnsmasq-" + listen + ".log");
        List<String> command = new ArrayList<>(List.of(BINARY, "--keep-in-foreground", "--conf-file=/dev/null",
                "--no-resolv", "--no-hosts", "--no-poll", "--no-negcache", "--user=root",
                "--pid-file=" + dir.resolve("dnsmasq-" + listen + ".pid"),
                "--bind-interfaces", "--listen-address=" + listen, "--port=53", "--local-ttl=" + ttl,
                "--log-queries", "--log-facility=" + log));
        if (hostsFile != null) {
            command.add("--addn-hosts=" + hostsFile);
        }
        command.addAll(records);
        Process p = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dnsmasq-" + listen + ".out").toFile()))
                .start();
        Dnsmasq d = new Dnsmasq(listen, p, log);
        d.awaitAnswering(dir);
        return d;
    }

    private void awaitAnswering(Path dir) throws IOException, InterruptedException {
        SimpleResolver probe = new SimpleResolver(new InetSocketAddress(listen, 53));
        probe.setTimeout(Duration.ofMillis(200));
        Message question = Message.newQuery(Record.newRecord(Name.fromString("sipfront.test."), Type.SOA, DClass.IN));
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                break;
            }
            try {
                Message answer = probe.send(question);
                if (answer.getRcode() != Rcode.SERVFAIL) {
                    return;
                }
            } catch (IOException notYet) {
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
        String output = Files.readString(dir.resolve("dnsmasq-" + listen + ".out"));
        close();
        throw new IllegalStateException("dnsmasq on " + listen + ":53 did not answer within " + READY_WITHIN
                + ": " + output.strip());
    }

    /** SIGHUP: dnsmasq re-reads the hosts file. */
    void reload() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -HUP " + process.pid() + " failed");
        }
    }

    /** Lines of its query log that contain {@code text}. */
    long logLinesWith(String text) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains(text)).count() : 0;
    }

    /** Stops it (SIGTERM, then SIGKILL after 5 s): a killed resolver, whose port then refuses at once. */
    void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
