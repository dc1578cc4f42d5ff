package io.sipfront.core.capture;

import java.io.IOException;
import java.net.DatagramSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * sngrep listening for HEP on a loopback UDP port and writing what it decodes to a pcap, which tshark then reads:
 * two implementations nobody here wrote decode what the capture sent.
 */
final class Sngrep implements AutoCloseable {
    final int port;
    final Path pcap;
    private final Process process;

    private Sngrep(int port, Path pcap, Process process) {
        this.port = port;
        this.pcap = pcap;
        this.process = process;
    }

    /** @param password the auth key sngrep demands ({@code eep.listen.pass}), or null */
    static Sngrep listen(Path dir, String password) throws IOException, InterruptedException {
        int port;
        try (DatagramSocket probe = new DatagramSocket(0)) {
            port = probe.getLocalPort();
        }
        Path config = dir.resolve("sngreprc");
        Files.writeString(config, password == null ? "" : "set eep.listen.pass " + password + "\n");
        Path pcap = dir.resolve("hep-" + port + ".pcap");
        Process p = new ProcessBuilder("sngrep", "-N", "-q", "-F", "-f", config.toString(),
                "-L", "udp:127.0.0.1:" + port, "-O", pcap.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("sngrep.out").toFile())
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        Sngrep s = new Sngrep(port, pcap, p);
        s.awaitListening(Duration.ofSeconds(10));
        return s;
    }

    private void awaitListening(Duration limit) throws IOException, InterruptedException {
        String hexPort = String.format(":%04X ", port);
        long deadline = System.nanoTime() + limit.toNanos();
        while (System.nanoTime() < deadline) {
            if (Files.readString(Path.of("/proc/net/udp")).contains(hexPort)) {
                return;
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("sngrep exited with " + process.exitValue());
            }
            Thread.sleep(20);
        }
        close();
        throw new IllegalStateException("sngrep did not listen on udp:127.0.0.1:" + port + " within " + limit);
    }

    /** Stops sngrep (it writes the pcap as it goes) and returns tshark's rows of {@code fields}, '|'-separated. */
    List<String> stopAndRead(String... fields) throws IOException, InterruptedException {
        close();
        List<String> cmd = new ArrayList<>(List.of("tshark", "-r", pcap.toString(), "-T", "fields", "-E",
                "separator=|"));
        for (String f : fields) {
            cmd.add("-e");
            cmd.add(f);
        }
        Process t = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(t.getInputStream().readAllBytes());
        if (!t.waitFor(30, TimeUnit.SECONDS)) {
            t.destroyForcibly();
            throw new IllegalStateException("tshark did not finish");
        }
        return out.isBlank() ? List.of() : List.of(out.strip().split("\n"));
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }
}
