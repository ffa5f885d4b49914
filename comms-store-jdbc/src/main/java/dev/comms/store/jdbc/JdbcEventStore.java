package dev.comms.store.jdbc;

import dev.comms.event.EventStatus;
import dev.comms.spi.EventStore;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Processed event ids and message statuses in PostgreSQL (several instances process each event once)
 * or H2 (one node, persistent). Seeing an event is one INSERT guarded by the primary key; moving a
 * message is one transaction that locks its row. Records live for the window (7 days by default) on
 * the database clock; {@link #purgeExpired()} deletes the rest in batches.
 *
 * <pre>{@code
 * Comms comms = Comms.builder().eventStore(JdbcEventStore.create(dataSource)).build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class JdbcEventStore implements EventStore {
    private final DataSource ds;
    private final Dialect dialect;
    private final Duration retention;

    private JdbcEventStore(DataSource ds, Dialect dialect, Duration retention) {
        this.ds = ds;
        this.dialect = dialect;
        this.retention = retention;
    }

    /**
     * Opens the store with a 7-day window, creating or upgrading the schema first.
     *
     * @param dataSource a PostgreSQL or H2 data source
     * @return the store
     * @throws IllegalStateException if the database cannot be reached or migrated
     */
    public static JdbcEventStore create(DataSource dataSource) {
        return create(dataSource, Duration.ofDays(7));
    }

    /**
     * @param dataSource a PostgreSQL or H2 data source
     * @param retention how long event ids and statuses are kept
     * @return the store
     * @throws IllegalStateException if the database cannot be reached or migrated
     */
    public static JdbcEventStore create(DataSource dataSource, Duration retention) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (retention == null || retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be positive");
        }
        try {
            Migrations.migrate(dataSource);
            try (Connection c = dataSource.getConnection()) {
                return new JdbcEventStore(dataSource, Dialect.of(c), retention);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("JdbcEventStore cannot prepare its schema: " + e.getMessage(), e);
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
                boolean again = "23505".equals(s) || "40001".equals(s) || "40P01".equals(s) || (s != null && s.startsWith("08"));
                if (!again) {
                    break;
                }
            }
        }
        throw new IllegalStateException("the event store cannot be reached (" + (last == null ? "?" : last.getClass().getSimpleName()
                + ", SQLState " + last.getSQLState()) + ")", last);
    }

    @Override
    public boolean firstSeen(String provider, String eventId) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE comms_event_seen SET expires_at = " + dialect.nowPlusMillis
                    + " WHERE provider = ? AND event_id = ? AND expires_at <= CURRENT_TIMESTAMP")) {
                ps.setLong(1, retention.toMillis());
                ps.setString(2, provider);
                ps.setString(3, eventId);
                if (ps.executeUpdate() == 1) {
                    return true; // seen before the window: a new event as far as we know
                }
            }
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM comms_event_seen WHERE provider = ? AND event_id = ?")) {
                ps.setString(1, provider);
                ps.setString(2, eventId);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return false;
                    }
                }
            }
            // a concurrent first sight inserts the same key: one wins, the other's transaction fails on the
            // primary key and runs again, and then finds the row
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO comms_event_seen (provider, event_id, expires_at) VALUES (?, ?, "
                    + dialect.nowPlusMillis + ")")) {
                ps.setString(1, provider);
                ps.setString(2, eventId);
                ps.setLong(3, retention.toMillis());
                ps.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public Optional<EventStatus> status(String messageKey) {
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("SELECT status FROM comms_message_status WHERE message_key = ? "
                    + "AND expires_at > CURRENT_TIMESTAMP")) {
                ps.setString(1, messageKey);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? Optional.of(EventStatus.valueOf(rs.getString(1))) : Optional.empty();
                }
            }
        });
    }

    @Override
    public boolean advance(String messageKey, EventStatus next) {
        return tx(c -> {
            EventStatus current = null;
            boolean exists = false;
            try (PreparedStatement ps = c.prepareStatement("SELECT status, CASE WHEN expires_at > CURRENT_TIMESTAMP THEN 1 ELSE 0 END "
                    + "FROM comms_message_status WHERE message_key = ? FOR UPDATE")) {
                ps.setString(1, messageKey);
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        exists = true;
                        current = rs.getInt(2) == 1 ? EventStatus.valueOf(rs.getString(1)) : null;
                    }
                }
            }
            if (!next.advances(current)) {
                return false;
            }
            String sql = exists ? "UPDATE comms_message_status SET status = ?, expires_at = " + dialect.nowPlusMillis + " WHERE message_key = ?"
                    : "INSERT INTO comms_message_status (status, expires_at, message_key) VALUES (?, " + dialect.nowPlusMillis + ", ?)";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, next.name());
                ps.setLong(2, retention.toMillis());
                ps.setString(3, messageKey);
                ps.executeUpdate();
            }
            return true;
        });
    }

    @Override
    public int purgeExpired() {
        return tx(c -> {
            int n;
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM comms_event_seen WHERE expires_at <= CURRENT_TIMESTAMP")) {
                n = ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM comms_message_status WHERE expires_at <= CURRENT_TIMESTAMP")) {
                n += ps.executeUpdate();
            }
            return n;
        });
    }

    @Override
    public String toString() {
        return "JdbcEventStore[" + dialect + ", retention=" + retention + "]";
    }
}
