package io.sipfront.core.capture;

import static io.sipfront.core.testing.ConfigAssertions.assertConfigError;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.sipfront.config.ConfigException;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.ConfigSections;
import io.sipfront.core.testing.MinimalConfig;
import io.sipfront.net.Transport;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The hep section: values, defaults, the key file relative to the config, and mistakes at their line. */
class HepSectionTest {
    /** The minimal document is 21 lines; the section starts on line 22. */
    static final String BASE = MinimalConfig.SIP + MinimalConfig.REST;

    static HepSettings parse(String extra, Path file) throws ConfigException {
        return ConfigLoader.parse(BASE + extra, "h.yaml", file, ConfigSections.of(HepSection.SECTION))
                .section(HepSection.SECTION);
    }

    @Test
    void leftOutNothingIsCaptured() throws Exception {
        assertFalse(parse("", null).enabled());
    }

    @Test
    void defaultsAndValues(@TempDir Path dir) throws Exception {
        HepSettings d = parse("hep:\n  collector: 10.0.0.5:9060\n", null);
        assertEquals(new InetSocketAddress("10.0.0.5", 9060), d.collector());
        assertEquals(Transport.UDP, d.transport());
        assertEquals(2001, d.captureId());
        assertNull(d.authKey());
        Files.writeString(dir.resolve("hep.key"), "s3cret\n");
        HepSettings t = parse("hep:\n  collector: '[::1]:9061'\n  transport: tcp\n  capture_id: 4294967295\n"
                + "  auth_key_file: hep.key\n  queue_size: 100\n", dir.resolve("sipfront.yaml"));
        assertEquals(Transport.TCP, t.transport());
        assertEquals(4294967295L, t.captureId());
        assertEquals("s3cret", t.authKey(), "relative to the config file's directory");
        assertEquals(100, t.queueSize());
        assertFalse(t.toString().contains("s3cret"), "the key never reaches a log line");
    }

    @Test
    void mistakesAreNamedWhereTheyAre() {
        assertConfigError("h.yaml", 23, 14, () -> parse("hep:\n  collector: homer:9060\n", null), "collector");
        assertConfigError("h.yaml", 24, 14, () -> parse("hep:\n  collector: 10.0.0.5:9060\n  transport: tls\n",
                null), "udp or tcp");
        assertConfigError("h.yaml", 22, 1, () -> parse("hep:\n  transport: udp\n", null), "collector");
        assertConfigError("h.yaml", 24, 3, () -> parse("hep:\n  collector: 10.0.0.5:9060\n  colector: x\n", null),
                "colector");
    }
}
