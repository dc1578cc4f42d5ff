package io.sipfront.normalization.config;

import java.nio.file.Path;
import java.util.List;

/**
 * Number normalization: where the numbering plans are stored, and the plans written in the config, which seed the
 * store for every carrier that has no plan there yet (the store wins once a carrier has one).
 *
 * @param enabled    false when the config has no {@code normalization} section
 * @param sqliteFile the SQLite database (store {@code sqlite}); relative paths are taken from the working directory
 * @param seeds      plans from the config, at most one per carrier, each naming a configured carrier
 */
public record NormalizationSettings(boolean enabled, Store store, Path sqliteFile, List<NumberingPlan> seeds) {
    public enum Store { SQLITE, REDIS }

    /** An empty {@code normalization:} section: embedded SQLite under the data directory, nothing to set up. */
    public static final NormalizationSettings DEFAULTS =
            new NormalizationSettings(true, Store.SQLITE, Path.of("data", "numbering.db"), List.of());
    /** No {@code normalization} section: numbers pass through untouched and no store is opened. */
    public static final NormalizationSettings DISABLED =
            new NormalizationSettings(false, Store.SQLITE, Path.of("data", "numbering.db"), List.of());

    public NormalizationSettings {
        seeds = List.copyOf(seeds);
    }
}
