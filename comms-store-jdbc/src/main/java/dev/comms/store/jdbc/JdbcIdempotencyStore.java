package dev.comms.store.jdbc;

import dev.comms.CommsException;
import dev.comms.Mode;
import dev.comms.Receipt;
import dev.comms.spi.IdempotencyStore;
import dev.comms.spi.ReceiptCodec;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Idempotency records in PostgreSQL (several JVMs replay one receipt for one key) or H2 (one node,
 * persistent across restarts), with the same contract as the in-memory store: one claimant per key,
 * the first outcome replayed for the retention (24 hours by default), another request under a key a
 * conflict, refusals before sending forgotten, a crashed holder's claim free when its lease ends.
 * Receipts are kept without message bodies ({@link ReceiptCodec}). A claim is one short transaction
 * that locks the key's row ({@code SELECT ... FOR UPDATE}, or the primary key for a new one); times
 * are on the database clock. The facade's maintenance purges expired records in batches.
 *
 * <pre>{@code
 * Comms comms = Comms.builder().idempotencyStore(JdbcIdempotencyStore.create(dataSource)).build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class JdbcIdempotencyStore implements IdempotencyStore {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcIdempotencyStore.class);

    private final DataSource ds;
    private final Dialect dialect;
    private final Duration ttl;

    private JdbcIdempotencyStore(DataSource ds, Dialect dialect, Duration ttl) {
        this.ds = ds;
        this.dialect = dialect;
        this.ttl = ttl;
    }

    /**
     * Opens the store with a 24 hour retention, creating or upgrading the schema first.
     *
     * @param dataSource a PostgreSQL or H2 data source
     * @return the store
     * @throws IllegalStateException if the database cannot be reached or migrated
     */
    public static JdbcIdempotencyStore create(DataSource dataSource) {
        return create(dataSource, Duration.ofHours(24));
    }

    /**
     * @param dataSource a PostgreSQL or H2 data source
     * @param retention how long outcomes are kept and replayed
     * @return the store
     * @throws IllegalStateException if the database cannot be reached or migrated
     */
    public static JdbcIdempotencyStore create(DataSource dataSource, Duration retention) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        try {
            Migrations.migrate(dataSource);
            try (Connection c = dataSource.getConnection()) {
                return new JdbcIdempotencyStore(dataSource, Dialect.of(c), retention);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("JdbcIdempotencyStore cannot prepare its schema: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Tx<T> {
        T run(Connection c) throws SQLException;
    }

    private <T> T tx(Tx<T> body) {
        SQLException last = null;
        for (int attempt = 1; attempt <= 5; attempt++) {
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
                        // gone
                    }
                    throw e;
                }
            } catch (SQLException e) {
                last = e;
                String s = e.getSQLState();
                // 23505: two claimants inserted a new key at once; the loser runs again and sees the winner's row
                boolean again = "23505".equals(s) || "40001".equals(s) || "40P01".equals(s) || (s != null && s.startsWith("08"))
                        || e instanceof java.sql.SQLTransientException;
                if (!again) {
                    break;
                }
                try {
                    Thread.sleep(2L << attempt);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new IllegalStateException("the idempotency store cannot be reached (" + (last == null ? "interrupted"
                : last.getClass().getSimpleName() + ", SQLState " + last.getSQLState()) + ")", last);
    }

    @Override
    public Claim claim(String account, Mode mode, String key, String fingerprint, Duration lease) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT fingerprint, state, result, CASE WHEN expires_at <= CURRENT_TIMESTAMP "
                    + "OR (state = 'IN_PROGRESS' AND lease_until <= CURRENT_TIMESTAMP) THEN 1 ELSE 0 END FROM comms_idempotency "
                    + "WHERE account = ? AND mode = ? AND idem_key = ? FOR UPDATE")) {
                ps.setString(1, account);
                ps.setString(2, mode.name());
                ps.setString(3, key);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        boolean over = rs.getInt(4) == 1;
                        if (!over) {
                            if (!rs.getString(1).equals(fingerprint)) {
                                return new Claim.Conflict();
                            }
                            return switch (rs.getString(2)) {
                                case "COMPLETED" -> new Claim.Completed(ReceiptCodec.decode(rs.getString(3)));
                                case "FAILED" -> new Claim.Failed(ReceiptCodec.decodeError(rs.getString(3)));
                                default -> new Claim.InProgress();
                            };
                        }
                        try (PreparedStatement up = c.prepareStatement("UPDATE comms_idempotency SET fingerprint = ?, state = 'IN_PROGRESS', "
                                + "result = NULL, lease_until = " + dialect.nowPlusMillis + ", expires_at = " + dialect.nowPlusMillis
                                + " WHERE account = ? AND mode = ? AND idem_key = ?")) {
                            up.setString(1, fingerprint);
                            up.setLong(2, lease.toMillis());
                            up.setLong(3, ttl.toMillis());
                            up.setString(4, account);
                            up.setString(5, mode.name());
                            up.setString(6, key);
                            up.executeUpdate();
                        }
                        return new Claim.Acquired();
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO comms_idempotency (account, mode, idem_key, fingerprint, state, "
                    + "lease_until, expires_at) VALUES (?, ?, ?, ?, 'IN_PROGRESS', " + dialect.nowPlusMillis + ", " + dialect.nowPlusMillis + ")")) {
                ps.setString(1, account);
                ps.setString(2, mode.name());
                ps.setString(3, key);
                ps.setString(4, fingerprint);
                ps.setLong(5, lease.toMillis());
                ps.setLong(6, ttl.toMillis());
                ps.executeUpdate();
            }
            return new Claim.Acquired();
        });
    }

    private void finish(String account, Mode mode, String key, String state, String result) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE comms_idempotency SET state = ?, result = ?, expires_at = "
                    + dialect.nowPlusMillis + " WHERE account = ? AND mode = ? AND idem_key = ?")) {
                ps.setString(1, state);
                ps.setString(2, result);
                ps.setLong(3, ttl.toMillis());
                ps.setString(4, account);
                ps.setString(5, mode.name());
                ps.setString(6, key);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public void complete(String account, Mode mode, String key, Receipt receipt) {
        finish(account, mode, key, "COMPLETED", ReceiptCodec.encode(receipt));
    }

    @Override
    public void fail(String account, Mode mode, String key, CommsException error) {
        finish(account, mode, key, "FAILED", ReceiptCodec.encodeError(error));
    }

    @Override
    public void abandon(String account, Mode mode, String key) {
        tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM comms_idempotency WHERE account = ? AND mode = ? AND idem_key = ? "
                    + "AND state = 'IN_PROGRESS'")) {
                ps.setString(1, account);
                ps.setString(2, mode.name());
                ps.setString(3, key);
                return ps.executeUpdate();
            }
        });
    }

    @Override
    public int purgeExpired() {
        int total = 0;
        for (int round = 0; round < 1_000; round++) {
            int n = tx(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM comms_idempotency WHERE (account, mode, idem_key) IN (SELECT "
                        + "account, mode, idem_key FROM comms_idempotency WHERE expires_at <= CURRENT_TIMESTAMP FETCH FIRST 1000 ROWS ONLY)")) {
                    return ps.executeUpdate();
                }
            });
            total += n;
            if (n < 1000) {
                break;
            }
        }
        if (total > 0) {
            LOG.debug("Comms purged {} expired idempotency record(s)", total);
        }
        return total;
    }

    @Override
    public String toString() {
        return "JdbcIdempotencyStore[" + dialect + ", retention=" + ttl + "]";
    }
}
