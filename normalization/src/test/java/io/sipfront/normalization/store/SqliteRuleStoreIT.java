package io.sipfront.normalization.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The store contract on a real SQLite file, plus what only SQLite has: schema migration and WAL. */
class SqliteRuleStoreIT extends RuleStoreContract {
    @TempDir
    Path dir;

    Path file() {
        return dir.resolve("data/numbering.db");
    }

    @Override
    RuleStore open() throws Exception {
        return SqliteRuleStore.open(file());
    }

    /** A closed pool is what an unusable file looks like to the cache: every read fails. */
    @Override
    void takeDown(RuleStore cacheStore) {
        cacheStore.close();
    }

    @Override
    void bringBack() {
    }

    @Override
    boolean recoversOnItsOwn() {
        return false; // the closed pool stays closed; recovery is shown by the Redis store
    }

    @Test
    void theSchemaIsCreatedOnceInWalModeAndReopeningKeepsThePlans() throws Exception {
        try (RuleStore s = open()) {
            s.save(planB(io.sipfront.normalization.config.NumberingPlan.OutboundFormat.E164));
        }
        try (RuleStore s = open()) {
            assertEquals(1, s.loadAll().size(), "a second open must not recreate the schema");
        }
        assertTrue(Files.exists(file()));
        try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file());
             ResultSet wal = c.createStatement().executeQuery("PRAGMA journal_mode");
             ResultSet version = c.createStatement().executeQuery("PRAGMA user_version")) {
            assertEquals("wal", wal.getString(1).toLowerCase(java.util.Locale.ROOT));
            assertEquals(1, version.getInt(1));
        }
    }
}
