package dev.comms.store.jdbc;

import dev.comms.spi.LimitStore;
import dev.comms.spi.LimitStoreUnavailableException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade's limits in PostgreSQL (several JVMs share one limit) or H2 (one node, persistent).
 * Taking units is one short transaction: lock the key's row ({@code SELECT ... FOR UPDATE}), drop its
 * ended leases, count what is held, insert the new lease if it fits. Leases end on the database
 * clock, so a holder that crashed frees its units when its lease ends; {@link #purgeExpired()} deletes
 * ended leases. Transient database failures are retried for a short budget (2 s by default), then
 * reported as {@link LimitStoreUnavailableException}: the facade refuses the send (fail closed)
 * unless configured to admit blind.
 *
 * <pre>{@code
 * Comms comms = Comms.builder().limitStore(JdbcLimitStore.create(dataSource))
 *         .property("comms.limits.preset", "hosted").build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class JdbcLimitStore implements LimitStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcLimitStore.class);

    private final DataSource ds;
    private final Dialect dialect;
    private final Duration budget;

    private JdbcLimitStore(DataSource ds, Dialect dialect, Duration budget) {
        this.ds = ds;
        this.dialect = dialect;
        this.budget = budget;
    }

    /**
     * Opens the store, creating or upgrading the schema first (the same versioned schema as the ledger).
     *
     * @param dataSource a PostgreSQL or H2 data source
     * @return the store
     * @throws IllegalStateException if the database cannot be reached or migrated
     */
    public static JdbcLimitStore create(DataSource dataSource) {
        return create(dataSource, Duration.ofSeconds(2));
    }

    /**
     * @param dataSource a PostgreSQL or H2 data source
     * @param budget how long an operation retries transient failures before the store reports itself unavailable
     * @return the store
     * @throws IllegalStateException if the database cannot be reached or migrated
     */
    public static JdbcLimitStore create(DataSource dataSource, Duration budget) {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(budget, "budget");
        try {
            Migrations.migrate(dataSource);
            try (Connection c = dataSource.getConnection()) {
                return new JdbcLimitStore(dataSource, Dialect.of(c), budget);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("JdbcLimitStore cannot prepare its schema: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Tx<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T tx(Tx<T> body) {
        long stopAt = System.nanoTime() + budget.toNanos();
        SQLException last = null;
        for (int attempt = 1; ; attempt++) {
            try (Connection c = ds.getConnection()) {
                c.setAutoCommit(false);
                try {
                    T r = body.run(c);
                    c.commit();
                    return r;
                } catch (SQLException | RuntimeException e) {
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // the connection is gone
                    }
                    throw e;
                }
            } catch (SQLException e) {
                last = e;
                String s = e.getSQLState();
                boolean transientError = e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLRecoverableException
                        || e instanceof java.sql.SQLNonTransientConnectionException || (s != null && (s.startsWith("08")
                        || s.equals("40001") || s.equals("40P01") || s.startsWith("57P") || s.equals("HYT00")));
                long pause = 5L << Math.min(attempt, 6);
                if (!transientError || System.nanoTime() + pause * 1_000_000 > stopAt) {
                    break;
                }
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new LimitStoreUnavailableException("the limit database cannot be reached (" + (last == null ? "interrupted"
                : last.getClass().getSimpleName() + ", SQLState " + last.getSQLState()) + ")", last);
    }

    @Override
    public Acquisition acquire(String key, int max, int units, String holder, Duration lease) {
        int take = Math.max(1, Math.min(units, max));
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement(dialect.ensureLimitKey)) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT limit_key FROM comms_limit_key WHERE limit_key = ? FOR UPDATE")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        throw new SQLException("the limit key row vanished", "40001");
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM comms_limit_lease WHERE limit_key = ? AND expires_at <= CURRENT_TIMESTAMP")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
            int used = 0;
            Instant now = null;
            java.util.List<Object[]> leases = new java.util.ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT holder, units, expires_at, CURRENT_TIMESTAMP FROM comms_limit_lease "
                    + "WHERE limit_key = ? ORDER BY expires_at")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        if (rs.getString(1).equals(holder)) {
                            return Acquisition.TAKEN;
                        }
                        used += rs.getInt(2);
                        leases.add(new Object[] {rs.getInt(2), rs.getTimestamp(3).toInstant()});
                        now = rs.getTimestamp(4).toInstant();
                    }
                }
            }
            if (used + take <= max) {
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO comms_limit_lease (limit_key, holder, units, expires_at) "
                        + "VALUES (?, ?, ?, " + dialect.nowPlusMillis + ")")) {
                    ps.setString(1, key);
                    ps.setString(2, holder);
                    ps.setInt(3, take);
                    ps.setLong(4, lease.toMillis());
                    ps.executeUpdate();
                }
                return Acquisition.TAKEN;
            }
            int free = max - used;
            Instant at = now;
            for (Object[] l : leases) {
                free += (Integer) l[0];
                at = (Instant) l[1];
                if (free >= take) {
                    break;
                }
            }
            Duration wait = now == null ? Duration.ZERO : Duration.between(now, at);
            return new Acquisition(false, wait.isNegative() ? Duration.ZERO : wait);
        });
    }

    @Override
    public void release(String key, String holder) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM comms_limit_lease WHERE limit_key = ? AND holder = ?")) {
                ps.setString(1, key);
                ps.setString(2, holder);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int inUse(String key) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT COALESCE(SUM(units), 0) FROM comms_limit_lease WHERE limit_key = ? "
                    + "AND expires_at > CURRENT_TIMESTAMP")) {
                ps.setString(1, key);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getInt(1);
                }
            }
        });
    }

    @Override
    public int purgeExpired() {
        int n = tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM comms_limit_lease WHERE expires_at <= CURRENT_TIMESTAMP")) {
                return ps.executeUpdate();
            }
        });
        if (n > 0) {
            LOG.debug("Comms purged {} ended limit lease(s)", n);
        }
        return n;
    }

    @Override
    public String toString() {
        return "JdbcLimitStore[" + dialect + "]";
    }
}
