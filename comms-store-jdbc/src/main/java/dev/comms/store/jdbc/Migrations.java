package dev.comms.store.jdbc;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates and upgrades the ledger's schema from versioned SQL files ({@code V1__credit_ledger.sql},
 * ...) recorded in {@code comms_schema_version}. Each version is applied in its own transaction;
 * on PostgreSQL a transaction-scoped advisory lock makes concurrent starts (two JVMs) apply it once.
 */
final class Migrations {
    private static final Logger LOG = LoggerFactory.getLogger(Migrations.class);
    /** @return the newest schema version this jar knows */
    static int latestVersion() {
        return VERSIONS.size();
    }

    private static final List<String> VERSIONS = List.of("V1__credit_ledger.sql", "V2__hold_region.sql", "V3__send_state.sql", "V4__limits.sql", "V5__idempotency.sql", "V6__events.sql",
            "V7__credit_tally.sql");
    private static final long LOCK_ID = 0x636f6d6d73L; // "comms"

    private Migrations() {
    }

    /** H2 has no advisory lock: one migration at a time per JVM (H2 file mode is one node anyway). */
    private static final Object H2_LOCK = new Object();

    static void migrate(DataSource ds) throws SQLException {
        try (Connection c = ds.getConnection()) {
            Dialect dialect = Dialect.of(c);
            if (dialect == Dialect.H2) {
                synchronized (H2_LOCK) {
                    migrate(c, dialect);
                }
            } else {
                migrate(c, dialect);
            }
        }
    }

    /**
     * Checks, without changing anything, that every migration of this jar was applied.
     *
     * @throws IllegalStateException naming the version found, the one needed and how to get there
     */
    static void check(DataSource ds) throws SQLException {
        int found;
        try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("SELECT COALESCE(MAX(version), 0) FROM comms_schema_version")) {
                rs.next();
                found = rs.getInt(1);
            } catch (SQLException e) {
                // SQL states for a missing table differ by database and version; ask the catalog instead.
                if (versionTableExists(c)) {
                    throw e;
                }
                found = 0;
            }
        }
        if (found < VERSIONS.size()) {
            throw new IllegalStateException("the Comms ledger schema is at version " + found + " but this comms-store-jdbc needs version "
                    + VERSIONS.size() + " (" + String.join(", ", VERSIONS.subList(found, VERSIONS.size())) + " not applied): open it with "
                    + "JdbcLedger.create (which migrates; in Spring Boot comms.jdbc.migrations=true) or apply those scripts from the "
                    + "comms-store-jdbc jar (dev/comms/store/jdbc/) with their comms_schema_version rows");
        }
    }

    private static boolean versionTableExists(Connection c) throws SQLException {
        for (String name : List.of("comms_schema_version", "COMMS_SCHEMA_VERSION")) {
            try (ResultSet rs = c.getMetaData().getTables(null, c.getSchema(), name, null)) {
                if (rs.next()) {
                    return true;
                }
            }
        }
        return false;
    }

    private static void migrate(Connection c, Dialect dialect) throws SQLException {
        // The version table is created under the same advisory lock as the migrations: a CREATE TABLE IF
        // NOT EXISTS racing another start can still fail on PostgreSQL's catalog (seen: 1 run in 5).
        c.setAutoCommit(false);
        try (Statement s = c.createStatement()) {
            if (dialect == Dialect.POSTGRESQL) {
                s.execute("SELECT pg_advisory_xact_lock(" + LOCK_ID + ")");
            }
            s.execute("CREATE TABLE IF NOT EXISTS comms_schema_version (version INT PRIMARY KEY, "
                    + "description VARCHAR(200) NOT NULL, applied_at TIMESTAMP WITH TIME ZONE DEFAULT CURRENT_TIMESTAMP NOT NULL)");
            c.commit();
        } catch (SQLException e) {
            c.rollback();
            if (!"23505".equals(e.getSQLState()) && !"42P07".equals(e.getSQLState())) {
                throw e;
            }
        } finally {
            c.setAutoCommit(true);
        }
        for (int i = 0; i < VERSIONS.size(); i++) {
            int version = i + 1;
            c.setAutoCommit(false);
            try {
                if (dialect == Dialect.POSTGRESQL) {
                    try (Statement s = c.createStatement()) {
                        s.execute("SELECT pg_advisory_xact_lock(" + LOCK_ID + ")");
                    }
                }
                boolean applied;
                try (Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM comms_schema_version WHERE version = " + version)) {
                    rs.next();
                    applied = rs.getInt(1) > 0;
                }
                if (!applied) {
                    String file = VERSIONS.get(i);
                    for (String sql : statements(read(file))) {
                        try (Statement s = c.createStatement()) {
                            s.execute(sql);
                        }
                    }
                    try (Statement s = c.createStatement()) {
                        s.execute("INSERT INTO comms_schema_version (version, description) VALUES (" + version + ", '"
                                + file.substring(file.indexOf("__") + 2, file.length() - 4) + "')");
                    }
                    LOG.info("Comms ledger schema migrated to version {}", version);
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            } finally {
                c.setAutoCommit(true);
            }
        }
    }

    private static String read(String file) {
        try (InputStream in = Migrations.class.getResourceAsStream(file)) {
            if (in == null) {
                throw new IllegalStateException("migration " + file + " is missing from the comms-store-jdbc jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read migration " + file, e);
        }
    }

    static List<String> statements(String script) {
        StringBuilder sb = new StringBuilder();
        for (String line : script.split("\n")) {
            String t = line.strip();
            if (!t.startsWith("--")) {
                sb.append(line).append('\n');
            }
        }
        return java.util.Arrays.stream(sb.toString().split(";")).map(String::strip).filter(s -> !s.isEmpty()).toList();
    }
}
