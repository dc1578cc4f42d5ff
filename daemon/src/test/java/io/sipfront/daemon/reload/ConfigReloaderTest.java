package io.sipfront.daemon.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.sipfront.config.ConfigLoader;
import io.sipfront.config.SipfrontConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A valid file is applied; a bad one changes nothing and its error is kept for the API and the CLI. */
class ConfigReloaderTest {
    static final String CONFIG = """
            sip:
              listen: [udp:127.0.0.1:5060]
            sources:
              platform: [127.0.0.10]
              carriers:
                - { name: carrier-a, addresses: [127.0.0.20] }
            routing: { inbound: platform, outbound: carriers }
            destination_sets:
              - name: platform
                algorithm: priority
                destinations: [{ id: platform-1, uri: "sip:127.0.0.10:5060" }]
              - name: carriers
                algorithm: priority
                destinations: [{ id: carrier-a, uri: "sip:127.0.0.20:5060" }]
            """;

    @TempDir
    Path dir;
    private Path file;
    private final List<SipfrontConfig> applied = new ArrayList<>();
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private final Clock clock = Clock.fixed(Instant.parse("2026-01-02T03:04:05Z"), ZoneOffset.UTC);
    private ConfigReloader reloader;
    private SipfrontConfig initial;

    @BeforeEach
    void start() throws Exception {
        file = dir.resolve("sipfront.yaml");
        Files.writeString(file, CONFIG);
        initial = ConfigLoader.load(file);
        reloader = new ConfigReloader(file, initial, applied::add, clock, meters);
    }

    @Test
    void aValidFileIsAppliedAndRecorded() throws Exception {
        Files.writeString(file, CONFIG.replace("sip:127.0.0.20:5060", "sip:127.0.0.21:5060"));
        ReloadAttempt a = reloader.reload("sighup");
        assertTrue(a.ok());
        assertNull(a.error());
        assertEquals("sighup", a.trigger());
        assertEquals(clock.instant(), a.time());
        assertEquals(1, applied.size());
        assertEquals("sip:127.0.0.21:5060",
                applied.get(0).destinationSets().get("carriers").destinations().get(0).uri());
        assertSame(applied.get(0), reloader.running());
        assertEquals(a, reloader.last().orElseThrow());
        assertEquals(1.0, meters.get("sipfront.config.reloads").tag("result", "ok").counter().count());
    }

    @Test
    void aBadFileChangesNothingAndItsErrorNamesFileLineAndColumn() throws Exception {
        Files.writeString(file, CONFIG.replace("outbound: carriers", "outbound: carrierz"));
        ReloadAttempt a = reloader.reload("api");
        assertFalse(a.ok());
        assertTrue(a.error().startsWith(file + ":7:"), a.error());
        assertTrue(a.error().contains("carrierz"), a.error());
        assertTrue(applied.isEmpty(), "nothing may be applied from a bad file");
        assertSame(initial, reloader.running());
        assertEquals(a, reloader.last().orElseThrow());
        assertEquals(1.0, meters.get("sipfront.config.reloads").tag("result", "error").counter().count());
    }

    @Test
    void aMissingFileIsAnErrorToo() throws Exception {
        Files.delete(file);
        ReloadAttempt a = reloader.reload("file-change");
        assertFalse(a.ok());
        assertTrue(a.error().contains("no such file"), a.error());
        assertSame(initial, reloader.running());
    }

    @Test
    void anApplierFailureKeepsTheRunningConfig() throws Exception {
        ConfigReloader failing = new ConfigReloader(file, initial, c -> {
            throw new IllegalStateException("cannot");
        }, clock, new SimpleMeterRegistry());
        ReloadAttempt a = failing.reload("api");
        assertFalse(a.ok());
        assertTrue(a.error().contains("could not be applied"), a.error());
        assertSame(initial, failing.running());
    }

    @Test
    void settingsThatNeedARestartAreNamedButTheRestIsApplied() throws Exception {
        Files.writeString(file, CONFIG.replace("listen: [udp:127.0.0.1:5060]",
                "listen: [udp:127.0.0.1:5070]\n  workers: 3\ntimers: { t1_ms: 400 }\nadmin: { listen: 127.0.0.1:9999 }"));
        ReloadAttempt a = reloader.reload("api");
        assertTrue(a.ok(), a.error());
        assertEquals(List.of("sip.listen", "sip.advertised_address/advertised_port", "sip.workers", "timers", "admin"),
                a.restartNeeded());
        assertEquals(1, applied.size());
    }

    @Test
    void anUnchangedFileNeedsNoRestart() {
        assertEquals(List.of(), reloader.reload("api").restartNeeded());
    }

    @Test
    void reloadsRunOneAtATime() throws Exception {
        List<Thread> inside = new ArrayList<>();
        int[] concurrent = {0, 0};
        ConfigReloader slow = new ConfigReloader(file, initial, c -> {
            synchronized (concurrent) {
                concurrent[0]++;
                concurrent[1] = Math.max(concurrent[1], concurrent[0]);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (concurrent) {
                concurrent[0]--;
            }
        }, clock, new SimpleMeterRegistry());
        for (int i = 0; i < 4; i++) {
            Thread t = new Thread(() -> slow.reload("api"));
            inside.add(t);
            t.start();
        }
        for (Thread t : inside) {
            t.join(10_000);
        }
        assertEquals(1, concurrent[1], "two reloads overlapped");
    }
}
