package io.sipfront.redis.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * A real redis-server for one test (shared state, numbering store), on a free port of 127.0.0.1, without persistence. Missing redis-server
 * skips the tests on a developer machine and fails them in CI, where bin/test installs it.
 */
public final class RedisServer implements AutoCloseable {
    private final Path logFile;
    private final int port;
    private Process process;

    public RedisServer(Path logFile) throws IOException {
        this.logFile = logFile;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            this.port = s.getLocalPort();
        }
    }

    public static void requireInstalled() {
        boolean present = List.of("/usr/bin/redis-server", "/usr/local/bin/redis-server").stream()
                .anyMatch(p -> new File(p).canExecute());
        String ci = System.getenv("CI");
        boolean inCi = ci != null && !ci.isBlank() && !ci.equalsIgnoreCase("false") && !ci.equals("0");
        if (!present && inCi) {
            fail("redis-server is not installed and CI is set: bin/test installs it (Debian package redis-server)");
        }
        Assumptions.assumeTrue(present, "redis-server not installed (Debian package redis-server): skipping");
    }

    public int port() {
        return port;
    }

    public void start() throws IOException, InterruptedException {
        Files.createDirectories(logFile.getParent());
        process = new ProcessBuilder("redis-server", "--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no")
                .directory(logFile.getParent().toFile())
                .redirectErrorStream(true).redirectOutput(logFile.toFile()).start();
        for (int i = 0; i < 500; i++) { // bounded: 5 s
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 100);
                return;
            } catch (IOException e) {
                if (!process.isAlive()) {
                    fail("redis-server exited at start:\n" + Files.readString(logFile));
                }
                Thread.sleep(10);
            }
        }
        fail("redis-server did not listen on port " + port + " within 5 s");
    }

    /** Stops the server this object started (by its PID) and waits for it. */
    public void stop() throws InterruptedException {
        if (process != null && process.isAlive()) {
            process.destroy();
            if (!process.waitFor(5, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                process.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }
}
