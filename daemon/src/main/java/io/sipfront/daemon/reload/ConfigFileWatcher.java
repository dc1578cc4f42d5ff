package io.sipfront.daemon.reload;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls back once the config file has changed and then stayed quiet for the debounce time. It watches the
 * directory, not the file: editors and tools such as vim, sed -i or a config-management agent write a new file
 * and rename it over the old one, and a watch on the old file would see nothing more after the first save.
 * The debounce turns an editor's burst of writes (truncate, write, chmod) into one reload.
 */
public final class ConfigFileWatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConfigFileWatcher.class);
    public static final Duration DEFAULT_DEBOUNCE = Duration.ofMillis(500);

    private final Path file;
    private final Duration debounce;
    private final Runnable onChange;
    private final WatchService watcher;
    private final ScheduledExecutorService timer;
    private final Thread thread;
    private ScheduledFuture<?> pending;

    private ConfigFileWatcher(Path file, Duration debounce, Runnable onChange) throws IOException {
        this.file = file.toAbsolutePath().normalize();
        this.debounce = debounce;
        this.onChange = onChange;
        this.watcher = FileSystems.getDefault().newWatchService();
        this.file.getParent().register(watcher, StandardWatchEventKinds.ENTRY_CREATE,
                StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE);
        this.timer = Executors.newSingleThreadScheduledExecutor(r -> daemonThread(r, "sipfront-config-debounce"));
        this.thread = daemonThread(this::watch, "sipfront-config-watch");
    }

    /** Starts watching {@code file}'s directory; {@code onChange} runs on a thread of its own. */
    public static ConfigFileWatcher start(Path file, Duration debounce, Runnable onChange) throws IOException {
        ConfigFileWatcher w = new ConfigFileWatcher(file, debounce, onChange);
        w.thread.start();
        return w;
    }

    private void watch() {
        Path name = file.getFileName();
        try {
            while (true) {
                WatchKey key = watcher.take();
                boolean ours = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    // OVERFLOW: events were lost, ours may be among them.
                    ours |= event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(event.context());
                }
                if (ours) {
                    schedule();
                }
                if (!key.reset()) {
                    log.warn("stopped watching {}: its directory is no longer accessible", file);
                    return;
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closing
        }
    }

    /** A deletion is scheduled too: the reload then reports the missing file, and a later re-create reloads. */
    private synchronized void schedule() {
        if (pending != null) {
            pending.cancel(false);
        }
        pending = timer.schedule(this::fire, debounce.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void fire() {
        try {
            onChange.run();
        } catch (RuntimeException e) {
            log.error("config reload after a change of {} failed", file, e);
        }
    }

    private static Thread daemonThread(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    @Override
    public void close() {
        try {
            watcher.close();
        } catch (IOException e) {
            log.debug("closing the watch service", e);
        }
        thread.interrupt();
        timer.shutdownNow();
    }
}
