package io.sipfront.daemon.reload;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real file-system events (inotify): the waits are bounded and end as soon as the callback runs. The debounce is
 * kept short so the test stays quick.
 */
class ConfigFileWatcherTest {
    static final Duration DEBOUNCE = Duration.ofMillis(200);

    @TempDir
    Path dir;
    private final Semaphore changes = new Semaphore(0);

    @Test
    void anEditorsRenameOverTheFileIsSeenEveryTime() throws Exception {
        Path file = dir.resolve("sipfront.yaml");
        Files.writeString(file, "a: 1\n");
        try (ConfigFileWatcher w = ConfigFileWatcher.start(file, DEBOUNCE, changes::release)) {
            for (int i = 0; i < 2; i++) { // the second save proves the watch survived the first rename
                Path tmp = dir.resolve(".sipfront.yaml.swp");
                Files.writeString(tmp, "a: " + (i + 2) + "\n");
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS), "save " + (i + 1) + " was not seen");
            }
        }
    }

    @Test
    void aBurstOfWritesIsOneReload() throws Exception {
        Path file = dir.resolve("sipfront.yaml");
        Files.writeString(file, "a: 1\n");
        try (ConfigFileWatcher w = ConfigFileWatcher.start(file, DEBOUNCE, changes::release)) {
            for (int i = 0; i < 5; i++) {
                Files.writeString(file, "a: " + i + "\n");
            }
            assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS));
            // Twice the debounce with no further callback: the burst was folded into one.
            assertEquals(false, changes.tryAcquire(2 * DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS));
        }
    }

    @Test
    void otherFilesInTheDirectoryAreIgnored() throws Exception {
        Path file = dir.resolve("sipfront.yaml");
        Files.writeString(file, "a: 1\n");
        try (ConfigFileWatcher w = ConfigFileWatcher.start(file, DEBOUNCE, changes::release)) {
            Files.writeString(dir.resolve("admin.token"), "x\n");
            Files.writeString(dir.resolve("other.yaml"), "x\n");
            assertEquals(false, changes.tryAcquire(4 * DEBOUNCE.toMillis(), TimeUnit.MILLISECONDS));
            Files.writeString(file, "a: 2\n"); // and the watcher is still alive
            assertTrue(changes.tryAcquire(10, TimeUnit.SECONDS));
        }
    }
}
