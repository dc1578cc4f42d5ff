package io.sipfront.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line an operator and systemd use. */
class MainTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(String... args) {
        return Main.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void checkConfigAcceptsTheShippedFiles() {
        assertEquals(0, run("check-config", "../config/sipfront.yaml"), err.toString());
        assertEquals(0, run("check-config", "../config/examples/loopback.yaml"), err.toString());
        assertTrue(out.toString().contains("ok: ../config/examples/loopback.yaml"));
    }

    @Test
    void checkConfigNamesFileLineAndReason(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        String shipped = Files.readString(Path.of("../config/examples/loopback.yaml"));
        Files.writeString(bad, shipped.replace("  workers: 0", "  workers: 0\n  wrokers: 2"));
        assertEquals(1, run("check-config", bad.toString()));
        String message = err.toString().trim();
        assertTrue(message.startsWith(bad + ":"), message);
        assertTrue(message.matches(".*:\\d+:\\d+: .*wrokers.*"), message);
    }

    @Test
    void runRefusesABadFileAndStartsNothing(@TempDir Path dir) throws IOException {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, "sip: [not, a, map]\n");
        assertEquals(1, run("run", "--config", bad.toString()));
        assertTrue(err.toString().startsWith(bad + ":1:"), err.toString());
    }

    @Test
    void ctlListsItsCommandsAndExits2WithoutOne() {
        assertEquals(2, run("ctl"));
        String usage = err.toString();
        for (String command : new String[] {"status", "health", "reload", "drain SET ID", "enable SET ID",
                "disable SET ID"}) {
            assertTrue(usage.contains("sipfront ctl " + command), usage);
        }
    }

    @Test
    void anythingElseIsAUsageError() {
        assertEquals(2, run());
        assertEquals(2, run("start"));
        assertEquals(2, run("run", "--conf", "x"));
        assertTrue(err.toString().contains("usage: sipfront run [--config FILE]"));
    }
}
