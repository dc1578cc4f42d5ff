package io.sipfront.daemon.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@code sipfront ctl} and {@code check-config} run in the operator's working directory (and {@code check-config}
 * in the unit's ExecStartPre): they must leave it as it was. They used to start the daemon's Logback config, whose
 * audit appender created {@code ./log/audit.log} wherever they ran.
 */
class ToolsWriteNoFilesIT {

    @Test
    void checkConfigWritesNothingInTheWorkingDirectory() throws Exception {
        Path cwd = emptyDir("check-config");
        Path config = E2e.config("loopback-udp.yaml");
        Tool result = sipfront(cwd, "check-config", config.toString());
        assertEquals(0, result.status(), result.output());
        assertTrue(result.output().contains("ok: " + config), result.output());
        assertEquals(List.of(), contents(cwd));
    }

    @Test
    void ctlWritesNothingInTheWorkingDirectory() throws Exception {
        Path cwd = emptyDir("ctl");
        Path configDir = emptyDir("ctl-config");
        Path config = configDir.resolve("sipfront.yaml");
        // No daemon listens there: ctl reads the config and the token, fails to connect, and exits 2.
        Files.writeString(config, Files.readString(E2e.config("loopback-udp.yaml"))
                + "admin:\n  listen: 127.0.0.1:1\n  token_file: admin.token\n");
        Files.writeString(configDir.resolve("admin.token"), "0123456789abcdef0123456789abcdef\n");
        Tool result = sipfront(cwd, "ctl", "status", "--config", config.toString());
        assertEquals(2, result.status(), result.output());
        assertTrue(result.output().contains("cannot reach"), result.output());
        assertEquals(List.of(), contents(cwd));
    }

    private static Path emptyDir(String name) throws Exception {
        Path dir = E2e.workRoot().resolve("tools-write-no-files").resolve(name);
        if (Files.exists(dir)) {
            try (Stream<Path> walk = Files.walk(dir)) {
                for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
        return Files.createDirectories(dir);
    }

    private static List<Path> contents(Path dir) throws Exception {
        try (Stream<Path> walk = Files.walk(dir)) {
            return walk.filter(p -> !p.equals(dir)).toList();
        }
    }

    private record Tool(int status, String output) {
    }

    private static Tool sipfront(Path cwd, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(E2e.home().resolve("bin/sipfront").toString()));
        command.addAll(List.of(args));
        Path out = Files.createTempFile("sipfront-tool", ".out");
        try {
            Process p = new ProcessBuilder(command).directory(cwd.toFile()).redirectErrorStream(true)
                    .redirectOutput(out.toFile()).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
                    .start();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                throw new AssertionError(String.join(" ", command) + " did not finish within 60 s");
            }
            return new Tool(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
