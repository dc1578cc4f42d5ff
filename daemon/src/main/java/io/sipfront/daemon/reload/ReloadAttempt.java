package io.sipfront.daemon.reload;

import java.time.Instant;
import java.util.List;

/**
 * One reload and how it ended, as {@code GET /api/v1/reload} and {@code sipfront ctl reload} show it.
 *
 * @param trigger        what asked for it: {@code api}, {@code sighup}, {@code file-change}
 * @param file           the config file read
 * @param ok             true when the new config is in effect
 * @param error          {@code file:line:col: reason} when not ok, else {@code null}
 * @param restartNeeded  sections that changed but only take effect after a restart (ok attempts only)
 */
public record ReloadAttempt(Instant time, String trigger, String file, boolean ok, String error,
                            List<String> restartNeeded) {
    public ReloadAttempt {
        restartNeeded = List.copyOf(restartNeeded);
    }
}
