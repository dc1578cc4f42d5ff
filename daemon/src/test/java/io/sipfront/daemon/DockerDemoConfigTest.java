package io.sipfront.daemon;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** The compose demo's config is valid (no container engine here to run the demo itself). */
class DockerDemoConfigTest {
    @Test
    void theDemoConfigPassesCheckConfig() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new String[] {"check-config", "../docker/demo/sipfront.yaml"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8)), err.toString());
    }
}
