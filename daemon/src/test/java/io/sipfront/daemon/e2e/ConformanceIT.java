package io.sipfront.daemon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.sipfront.core.proxy.ConformanceProxyTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The RFC 4475 and RFC 5118 messages over real UDP sockets to the running daemon. They carry foreign addresses
 * (documentation IPv4 rewritten to 127.x, IPv6 and DNS names not), so the daemon and the sender run in a network
 * namespace that has nothing but loopback, created and removed here (shared/conformance/README.md). Needs root
 * (CI runs as root); elsewhere it is skipped.
 */
class ConformanceIT {
    private static final String PLATFORM_CONFIG = "loopback-udp.yaml";

    @Test
    void everyCorpusMessageGetsTheRfcActionFromTheRunningDaemon() throws Exception {
        boolean root = "root".equals(System.getProperty("user.name"));
        if (E2e.isCi() && !root) {
            fail("CI must run the conformance test as root (it creates a network namespace)");
        }
        assumeTrue(root, "needs root for ip netns");
        String ns = "sfconf" + ProcessHandle.current().pid();
        Path work = E2e.workRoot().resolve("ConformanceIT");
        Files.createDirectories(work.resolve("messages"));
        run(List.of("ip", "netns", "add", ns));
        try {
            run(List.of("ip", "-n", ns, "link", "set", "lo", "up"));
            // Several RFC 5118 messages share Call-ID, branch and method: to a running proxy the later ones ARE
            // retransmissions of the first. Messages with the same transaction key go to separate daemon runs.
            List<String> names = ConformanceProxyTest.EXPECTED.keySet().stream().sorted().toList();
            Map<String, Integer> seen = new HashMap<>();
            List<List<String>> phases = new ArrayList<>();
            for (String name : names) {
                byte[] bytes = ConformanceProxyTest.read(name);
                if (name.startsWith("rfc5118/")) {
                    bytes = ConformanceProxyTest.wire(bytes);
                }
                Path file = work.resolve("messages").resolve(name.replace('/', '_'));
                Files.write(file, bytes);
                int phase = seen.merge(transactionKey(bytes), 1, Integer::sum) - 1;
                while (phases.size() <= phase) {
                    phases.add(new ArrayList<>());
                }
                phases.get(phase).add(name);
                phases.get(phase).add(file.toString());
            }
            List<String> results = new ArrayList<>();
            for (int i = 0; i < phases.size(); i++) {
                Path out = work.resolve("results-" + i + ".tsv");
                List<String> probe = new ArrayList<>(List.of("ip", "netns", "exec", ns,
                        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                        "-cp", System.getProperty("java.class.path"), ConformanceProbe.class.getName(), out.toString()));
                probe.addAll(phases.get(i));
                try (SipfrontProcess daemon = SipfrontProcess.start(List.of("ip", "netns", "exec", ns),
                        E2e.config(PLATFORM_CONFIG), work.resolve("sipfront-" + i + ".log"))) {
                    daemon.awaitReady(Duration.ofSeconds(60));
                    run(probe);
                    assertTrue(!daemon.settledLog().contains("ERROR"), "no error logged:\n" + daemon.tail(40));
                }
                results.addAll(Files.readAllLines(out, StandardCharsets.UTF_8));
            }
            check(results, names);
        } finally {
            run(List.of("ip", "netns", "delete", ns));
        }
    }

    private static void check(List<String> lines, List<String> names) {
        Map<String, String[]> results = new HashMap<>();
        for (String line : lines) {
            String[] f = line.split("\t", -1);
            results.put(f[0], f);
        }
        List<String> wrong = new ArrayList<>();
        for (String name : names) {
            String[] r = results.get(name);
            if (r == null) {
                wrong.add(name + ": no result");
                continue;
            }
            List<String> statuses = split(r[1]).stream().filter(s -> !s.equals("100")).toList();
            List<String> methods = split(r[2]);
            String expected = ConformanceProxyTest.EXPECTED.get(name);
            boolean ok = switch (expected) {
                // Forwarded to carrier A, whose 200 comes back to the platform.
                case ConformanceProxyTest.FORWARD -> methods.size() == 1 && statuses.equals(List.of("200"));
                case ConformanceProxyTest.DROP -> statuses.isEmpty() && methods.isEmpty();
                default -> statuses.equals(List.of(expected)) && methods.isEmpty();
            };
            if (!ok) {
                wrong.add(name + ": expected " + expected + ", platform got " + r[1] + ", carrier got " + r[2]);
            }
        }
        assertEquals(List.of(), wrong);
    }

    /** Call-ID, top Via and CSeq lines as written: equal keys mean the same transaction to a proxy. */
    private static String transactionKey(byte[] message) {
        StringBuilder key = new StringBuilder();
        boolean via = false;
        for (String line : new String(message, StandardCharsets.ISO_8859_1).split("\r?\n")) {
            if (line.isEmpty()) {
                break;
            }
            String name = line.contains(":") ? line.substring(0, line.indexOf(':')).trim().toLowerCase() : "";
            if ((name.equals("via") || name.equals("v")) && !via) {
                via = true;
                key.append(line).append('|');
            } else if (name.equals("call-id") || name.equals("i") || name.equals("cseq")) {
                key.append(line).append('|');
            }
        }
        return key.toString();
    }

    private static List<String> split(String s) {
        return s.isEmpty() ? List.of() : List.of(s.split(","));
    }

    private static void run(List<String> command) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            fail("timed out: " + command);
        }
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.exitValue(), command + " failed: " + out);
    }
}
