package io.sipfront.daemon.reload;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.sipfront.config.ConfigException;
import io.sipfront.config.SipfrontConfig;
import io.sipfront.daemon.SipfrontSections;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-reads the config file and, only when the whole file is valid, hands it to the {@link ConfigApplier}. A bad
 * file changes nothing: the error ({@code file:line:col: reason}) is logged and kept as the last attempt. Every
 * trigger (file change, SIGHUP, API) comes here; one reload runs at a time.
 */
public final class ConfigReloader {
    private static final Logger log = LoggerFactory.getLogger(ConfigReloader.class);

    private final Path file;
    private final ConfigApplier applier;
    private final Clock clock;
    private final Counter succeeded;
    private final Counter failed;
    private SipfrontConfig running;
    private volatile ReloadAttempt last;

    public ConfigReloader(Path file, SipfrontConfig running, ConfigApplier applier, Clock clock,
                          MeterRegistry registry) {
        this.file = file;
        this.running = running;
        this.applier = applier;
        this.clock = clock;
        this.succeeded = Counter.builder("sipfront.config.reloads").tag("result", "ok")
                .description("config reloads by result").register(registry);
        this.failed = Counter.builder("sipfront.config.reloads").tag("result", "error")
                .description("config reloads by result").register(registry);
    }

    public Path file() {
        return file;
    }

    /** @param trigger what asked for the reload, shown in the log and the API: api, sighup, file-change */
    public synchronized ReloadAttempt reload(String trigger) {
        SipfrontConfig next;
        try {
            next = SipfrontSections.load(file);
        } catch (ConfigException e) {
            log.error("config reload ({}) refused, the running config stays: {}", trigger, e.getMessage());
            return record(new ReloadAttempt(clock.instant(), trigger, file.toString(), false, e.getMessage(),
                    List.of()));
        }
        List<String> restartNeeded = RestartOnlySettings.changed(running, next);
        try {
            applier.apply(next);
        } catch (RuntimeException e) {
            log.error("config reload ({}) failed while applying {}, the running config stays", trigger, file, e);
            return record(new ReloadAttempt(clock.instant(), trigger, file.toString(), false,
                    file + ": could not be applied: " + e, List.of()));
        }
        running = next;
        if (restartNeeded.isEmpty()) {
            log.info("config reloaded ({}) from {}", trigger, file);
        } else {
            log.warn("config reloaded ({}) from {}; these changed settings take effect only after a restart: {}",
                    trigger, file, String.join(", ", restartNeeded));
        }
        return record(new ReloadAttempt(clock.instant(), trigger, file.toString(), true, null, restartNeeded));
    }

    private ReloadAttempt record(ReloadAttempt attempt) {
        (attempt.ok() ? succeeded : failed).increment();
        last = attempt;
        return attempt;
    }

    public Optional<ReloadAttempt> last() {
        return Optional.ofNullable(last);
    }

    /** The config in effect: the start-up one or the last one applied. */
    public synchronized SipfrontConfig running() {
        return running;
    }
}
