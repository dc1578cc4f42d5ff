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
public final class Dnsmasq {
    static final String BINARY = "/usr/sbin/dnsmasq";
    /**
     * The SRV records of issue 11 ({@code config/examples/dns-tls.yaml}); A records come from the hosts file.
     * {@code --local}: the domain is ours, so NAPTR and AAAA questions get "no data", never REFUSED or a forward.
     */
    public static final List<String> ISSUE_11_SRV = List.of("--local=/sipfront.test/",
            "--srv-host=_sips._tcp.platform.sipfront.test,p1.sipfront.test,5061,10,50",
            "--srv-host=_sips._tcp.platform.sipfront.test,p2.sipfront.test,5061,10,50",
            "--srv-host=_sip._udp.carriers.sipfront.test,ca.sipfront.test,5060,10,0",
            "--srv-host=_sip._udp.carriers.sipfront.test,cb.sipfront.test,5060,20,0");
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
    public static Optional<String> cannotRun() throws IOException, InterruptedException {
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
    public static Dnsmasq start(String listen, Path dir, Path hostsFile, int ttl, List<String> records)
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

    /** Replaces a hosts file in one step (dnsmasq never reads half of it), one {@code address name} per entry. */
    public static void writeHosts(Path hosts, List<String> lines) throws IOException {
        Path next = hosts.resolveSibling(hosts.getFileName() + ".next");
        Files.writeString(next, String.join("\n", lines) + "\n");
        Files.move(next, hosts, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    /** SIGHUP: dnsmasq re-reads the hosts file. */
    public void reload() throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-HUP", Long.toString(process.pid())).start();
        if (kill.waitFor() != 0) {
            throw new IllegalStateException("kill -HUP " + process.pid() + " failed");
        }
    }

    /** Lines of its query log that contain {@code text}. */
    public long logLinesWith(String text) throws IOException {
        return Files.exists(log) ? Files.readAllLines(log).stream().filter(l -> l.contains(text)).count() : 0;
    }

    /** Stops it (SIGTERM, then SIGKILL after 5 s): a killed resolver, whose port then refuses at once. */
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
    }
}
