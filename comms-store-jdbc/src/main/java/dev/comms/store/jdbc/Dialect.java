package dev.comms.store.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;

/** The few SQL differences between the supported databases. */
enum Dialect {
    POSTGRESQL("CURRENT_TIMESTAMP + CAST(? AS DOUBLE PRECISION) * INTERVAL '1 millisecond'",
            "INSERT INTO comms_limit_key (limit_key) VALUES (?) ON CONFLICT DO NOTHING", "id", "expires_at"),
    H2("DATEADD(MILLISECOND, CAST(? AS BIGINT), CURRENT_TIMESTAMP)", "MERGE INTO comms_limit_key KEY (limit_key) VALUES (?)", "ID",
            "EXPIRES_AT");

    /** An expression for "now plus ? milliseconds" on the database clock. */
    final String nowPlusMillis;
    /** The columns a new hold's INSERT returns: its id and its expiry, as the database spells them. */
    final String[] generatedHoldColumns;

    /** Inserts a limit key unless it is there. */
    final String ensureLimitKey;

    Dialect(String nowPlusMillis, String ensureLimitKey, String... generatedHoldColumns) {
        this.nowPlusMillis = nowPlusMillis;
        this.ensureLimitKey = ensureLimitKey;
        this.generatedHoldColumns = generatedHoldColumns;
    }

    static Dialect of(Connection c) throws SQLException {
        String name = c.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
        if (name.contains("postgresql")) {
            return POSTGRESQL;
        }
        if (name.contains("h2")) {
            return H2;
        }
        throw new IllegalArgumentException("JdbcLedger supports PostgreSQL and H2, not " + c.getMetaData().getDatabaseProductName());
    }
}
