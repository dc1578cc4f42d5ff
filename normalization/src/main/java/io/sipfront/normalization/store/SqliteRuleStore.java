package io.sipfront.normalization.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.sipfront.normalization.config.NumberRule;
import io.sipfront.normalization.config.NumberingPlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Plans in an embedded SQLite file (WAL, so the CLI can write while the daemon reads). A one-row change counter,
 * bumped in the same transaction as every write, is what the daemon polls: it also sees writes made by another
 * process, which {@code PRAGMA data_version} on a pooled connection would only partly show.
 */
public final class SqliteRuleStore implements RuleStore {
    /** Schema migrations, applied in order from {@code PRAGMA user_version}; append, never edit. */
    private static final List<List<String>> MIGRATIONS = List.of(List.of(
            "CREATE TABLE plans (carrier TEXT PRIMARY KEY, region TEXT NOT NULL, outbound_format TEXT NOT NULL,"
                    + " invalid_numbers TEXT NOT NULL)",
            "CREATE TABLE rules (carrier TEXT NOT NULL REFERENCES plans(carrier) ON DELETE CASCADE,"
                    + " position INTEGER NOT NULL, direction TEXT NOT NULL, field TEXT NOT NULL, match TEXT NOT NULL,"
                    + " replace TEXT NOT NULL, PRIMARY KEY (carrier, position))",
            "CREATE TABLE change_counter (id INTEGER PRIMARY KEY CHECK (id = 1), version INTEGER NOT NULL)",
            "INSERT INTO change_counter VALUES (1, 0)"));

    private final Path file;
    private final HikariDataSource pool;

    private SqliteRuleStore(Path file, HikariDataSource pool) {
        this.file = file;
        this.pool = pool;
    }

    /** Opens (creating the file and its directory if needed) and migrates the schema. */
    public static SqliteRuleStore open(Path file) throws StoreException {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
        } catch (IOException e) {
            throw new StoreException("cannot create the directory of " + file + ": " + e.getMessage(), e);
        }
        HikariConfig c = new HikariConfig();
        c.setPoolName("numbering-sqlite");
        c.setJdbcUrl("jdbc:sqlite:" + file.toAbsolutePath());
        // sqlite-jdbc applies only the first statement of an init SQL: pragmas go in as driver properties.
        c.addDataSourceProperty("journal_mode", "WAL");
        c.addDataSourceProperty("busy_timeout", "5000");
        c.addDataSourceProperty("synchronous", "NORMAL");
        c.addDataSourceProperty("foreign_keys", "true");
        c.setMaximumPoolSize(2); // SQLite has one writer; a reader beside it is all that helps
        c.setMinimumIdle(1);
        c.setConnectionTimeout(5000);
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(c);
        } catch (RuntimeException e) {
            throw new StoreException("cannot open " + file + ": " + e.getMessage(), e);
        }
        SqliteRuleStore store = new SqliteRuleStore(file, pool);
        try {
            store.migrate();
        } catch (StoreException e) {
            pool.close();
            throw e;
        }
        return store;
    }

    private void migrate() throws StoreException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                int version;
                try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
                    version = rs.next() ? rs.getInt(1) : 0;
                }
                for (int v = version; v < MIGRATIONS.size(); v++) {
                    for (String sql : MIGRATIONS.get(v)) {
                        s.executeUpdate(sql);
                    }
                    s.executeUpdate("PRAGMA user_version = " + (v + 1));
                }
                c.commit();
            } catch (SQLException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot migrate the schema of " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public Map<String, NumberingPlan> loadAll() throws StoreException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false); // one read transaction: plans and rules from the same snapshot
            try {
                Map<String, List<NumberRule>> rules = new LinkedHashMap<>();
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT carrier, direction, field, match, replace FROM rules"
                             + " ORDER BY carrier, position")) {
                    while (rs.next()) {
                        rules.computeIfAbsent(rs.getString(1), k -> new ArrayList<>())
                                .add(NumberRule.parse(rs.getString(2), rs.getString(3), rs.getString(4),
                                        rs.getString(5)));
                    }
                }
                Map<String, NumberingPlan> plans = new LinkedHashMap<>();
                try (Statement s = c.createStatement();
                     ResultSet rs = s.executeQuery("SELECT carrier, region, outbound_format, invalid_numbers"
                             + " FROM plans ORDER BY carrier")) {
                    while (rs.next()) {
                        String carrier = rs.getString(1);
                        plans.put(carrier, new NumberingPlan(carrier, NumberingPlan.parseRegion(rs.getString(2)),
                                NumberingPlan.parseFormat(rs.getString(3)), NumberingPlan.parseInvalid(rs.getString(4)),
                                rules.getOrDefault(carrier, List.of())));
                    }
                }
                return plans;
            } finally {
                c.rollback();
            }
        } catch (SQLException | IllegalArgumentException e) {
            throw new StoreException("cannot read plans from " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void save(NumberingPlan plan) throws StoreException {
        write(List.of(plan), false);
    }

    @Override
    public void seedMissing(Iterable<NumberingPlan> plans) throws StoreException {
        List<NumberingPlan> list = new ArrayList<>();
        plans.forEach(list::add);
        write(list, true);
    }

    private void write(List<NumberingPlan> plans, boolean onlyMissing) throws StoreException {
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                boolean changed = false;
                for (NumberingPlan plan : plans) {
                    if (onlyMissing && exists(c, plan.carrier())) {
                        continue;
                    }
                    replace(c, plan);
                    changed = true;
                }
                if (changed) {
                    try (Statement s = c.createStatement()) {
                        s.executeUpdate("UPDATE change_counter SET version = version + 1 WHERE id = 1");
                    }
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("cannot write plans to " + file + ": " + e.getMessage(), e);
        }
    }

    private static boolean exists(Connection c, String carrier) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM plans WHERE carrier = ?")) {
            ps.setString(1, carrier);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next();
            }
        }
    }

    private static void replace(Connection c, NumberingPlan plan) throws SQLException {
        try (PreparedStatement del = c.prepareStatement("DELETE FROM rules WHERE carrier = ?")) {
            del.setString(1, plan.carrier());
            del.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO plans (carrier, region, outbound_format,"
                + " invalid_numbers) VALUES (?, ?, ?, ?) ON CONFLICT(carrier) DO UPDATE SET region = excluded.region,"
                + " outbound_format = excluded.outbound_format, invalid_numbers = excluded.invalid_numbers")) {
            ps.setString(1, plan.carrier());
            ps.setString(2, plan.region());
            ps.setString(3, plan.outboundFormat().text());
            ps.setString(4, plan.invalidNumbers().text());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO rules (carrier, position, direction, field,"
                + " match, replace) VALUES (?, ?, ?, ?, ?, ?)")) {
            int position = 0;
            for (NumberRule r : plan.rules()) {
                ps.setString(1, plan.carrier());
                ps.setInt(2, ++position);
                ps.setString(3, r.directionName());
                ps.setString(4, r.fieldName());
                ps.setString(5, r.match().pattern());
                ps.setString(6, r.replace());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    @Override
    public long changeVersion() throws StoreException {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT version FROM change_counter WHERE id = 1")) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new StoreException("cannot read the change counter of " + file + ": " + e.getMessage(), e);
        }
    }

    @Override
    public String describe() {
        return "sqlite " + file;
    }

    @Override
    public void close() {
        pool.close();
    }
}
