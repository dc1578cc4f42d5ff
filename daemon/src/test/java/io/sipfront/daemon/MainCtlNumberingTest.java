package io.sipfront.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code sipfront ctl rules|normalize} reach the numbering tools through the daemon's entry point. */
class MainCtlNumberingTest {
    @Test
    void ctlNormalizeUsesTheStoreOfTheGivenConfig(@TempDir Path dir) throws Exception {
        String example = Files.readString(Path.of("../config/examples/loopback.yaml"));
        Path config = dir.resolve("sipfront.yaml");
        Files.writeString(config, example.replace("sqlite_file: ../../data/numbering.db",
                "sqlite_file: " + dir.resolve("numbering.db")));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"ctl", "normalize", "--carrier", "carrier-b", "--direction", "outbound",
                "--config", config.toString(), "+442079460000"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        assertEquals(0, code, err.toString(StandardCharsets.UTF_8));
        assertTrue(out.toString(StandardCharsets.UTF_8).startsWith("00442079460000"), out.toString());
        assertTrue(Files.exists(dir.resolve("numbering.db")));
    }
}
