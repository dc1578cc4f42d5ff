package io.sipfront.ha;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A long-lived {@code ip -force -batch -} fed one command per line. Spawning {@code ip} at takeover cost tens of
 * milliseconds (over 100 under load) before the first gratuitous ARP could go out; a process started in
 * advance runs the command within a millisecond of the line being written. Its error output is logged.
 */
final class IpBatch implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(IpBatch.class);

    private Process process;
    private OutputStream stdin;

    /** @return false when {@code ip} cannot be run at all (the caller falls back to a spawn) */
    synchronized boolean submit(String command) {
        for (int attempt = 0; attempt < 2; attempt++) {
            try {
                if (process == null || !process.isAlive()) {
                    start();
                }
                stdin.write((command + "\n").getBytes(StandardCharsets.US_ASCII));
                stdin.flush();
                return true;
            } catch (IOException e) {
                log.warn("ip -batch: {}; restarting it", e.toString());
                process = null;
            }
        }
        return false;
    }

    /** Starts the process ahead of the first command. */
    synchronized void warmUp() {
        try {
            if (process == null || !process.isAlive()) {
                start();
            }
        } catch (IOException e) {
            log.warn("cannot start ip -batch (each VIP change will spawn ip instead): {}", e.toString());
        }
    }

    private void start() throws IOException {
        process = new ProcessBuilder("ip", "-force", "-batch", "-").redirectErrorStream(true).start();
        stdin = process.getOutputStream();
        Process started = process;
        Thread reader = new Thread(() -> {
            try (BufferedReader out = new BufferedReader(new InputStreamReader(started.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    log.warn("ip: {}", line);
                }
            } catch (IOException e) {
                log.debug("ip -batch output: {}", e.toString());
            }
        }, "sipfront-ha-ip");
        reader.setDaemon(true);
        reader.start();
    }

    @Override
    public synchronized void close() {
        if (process != null) {
            try {
                stdin.close(); // end of input: ip exits after the commands already written
                process.waitFor(2, java.util.concurrent.TimeUnit.SECONDS);
            } catch (IOException e) {
                process.destroy();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
