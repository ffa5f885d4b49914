package dev.comms.store.jdbc;

import dev.comms.Channel;
import dev.comms.InsufficientCreditsException;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.billing.Balance;
import dev.comms.billing.EntryKind;
import dev.comms.billing.Hold;
import dev.comms.billing.HoldRequest;
import dev.comms.billing.HoldState;
import dev.comms.billing.JournalEntry;
import dev.comms.billing.Ledger;
import dev.comms.billing.LedgerUnavailableException;
import dev.comms.billing.Ledgers;
import dev.comms.billing.PendingReason;
import dev.comms.billing.Settled;
import dev.comms.billing.Settlement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credit ledger in a relational database: PostgreSQL for several JVMs, H2 (file mode) for one
 * node without a server. Create it with {@link #create(DataSource)}, which creates or upgrades the
 * schema.
 *
 * <ul>
 * <li>Credits are taken with ONE conditional statement,
 * {@code UPDATE comms_credit_account SET available = available - ?, held = held + ? WHERE ... AND available >= ?}:
 * 0 rows means insufficient credits. No read-check-write, so no lost updates under any isolation level.</li>
 * <li>Holds are unique per (account, mode, key); the journal is append-only with one charge per hold
 * (a unique index as a second guard).</li>
 * <li>Leases and expiry use the database clock; the sweeper takes due holds with
 * {@code FOR UPDATE SKIP LOCKED}, so several sweepers never block each other or a commit.</li>
 * <li>Every operation is one transaction and is safe to repeat: transient failures (a dropped
 * connection, a deadlock, a server restart) are retried here until the operation's budget runs out
 * (a reserve's own deadline, or {@code operationBudget}, 5 s by default), then reported as
 * {@link LedgerUnavailableException}; the outcome of a repeated call is decided by the key, the send
 * id (a reserve whose COMMIT answer was lost finds its own hold) or the hold's state, so nothing is
 * charged twice. One wait for a pooled connection is bounded by the pool's own timeout (HikariCP's
 * {@code connectionTimeout}): keep it below your send deadline.</li>
 * <li>Resolved holds are deleted after a retention ({@link #purgeResolved}); the journal is kept.</li>
 * </ul>
 *
 * <p>On PostgreSQL the send path is short, since a busy account's row is the bottleneck: a reserve, a
 * commit and a release are each ONE autocommit statement (data-modifying CTEs: one round trip, the row
 * locked only while that statement runs and commits). A commit of exactly the held amount (the usual
 * send) does not touch the account row at all: it adds held/debited to one of 32
 * stripe rows of the account in {@code comms_credit_tally} (migration V7), and {@link #balance} adds the
 * stripes to the account row in one snapshot. Available credits live on the account row alone, so a
 * reserve's conditional UPDATE still decides alone. Reserves of one account that arrive while another is
 * in flight are grouped into one statement ({@link #withReserveGrouping}). H2 runs each operation as one
 * multi-statement transaction.
 */
public final class JdbcLedger implements Ledger {
    private static final Logger LOG = LoggerFactory.getLogger(JdbcLedger.class);
    private static final int MAX_ATTEMPTS = 20;
    /** Stripe rows per account in {@code comms_credit_tally}: commits spread over them instead of the account row. */
    static final int TALLY_STRIPES = 32;
    private static final Duration DEFAULT_BUDGET = Duration.ofSeconds(5);
    private static final String HOLD_COLUMNS = "id, account, mode, idem_key, fingerprint, channel, amount, state, expires_at, region, "
            + "send_id, pending_reason, reference";

    /** The most reserves one group statement takes. */
    static final int MAX_GROUP = 64;
    /** Group-commit lanes: reserves of one account always meet in the same lane; bounded, whatever the number of accounts. */
    private static final int LANES = 64;

    private final DataSource ds;
    private final Dialect dialect;
    private final Duration budget;
    private final ReserveLane[] lanes;
    /** Reserves granted by a group statement (for tests: grouping happened). */
    private final java.util.concurrent.atomic.AtomicLong groupGranted = new java.util.concurrent.atomic.AtomicLong();

    private JdbcLedger(DataSource ds, Dialect dialect, Duration budget, boolean grouped) {
        this.ds = ds;
        this.dialect = dialect;
        this.budget = budget;
        this.lanes = grouped && dialect == Dialect.POSTGRESQL ? new ReserveLane[LANES] : null;
        if (lanes != null) {
            for (int i = 0; i < LANES; i++) {
                lanes[i] = new ReserveLane();
            }
        }
    }

    /**
     * The same ledger with group commit of reserves on or off. On (the default) and on PostgreSQL,
     * reserves of one account that arrive while another of its reserves is in flight are taken together
     * in one statement (one lock of the account row, one commit), TigerBeetle-style: each is still decided
     * alone, in arrival order, against the balance (the first ones that fit are granted), and any that the
     * group does not grant (too little left for it, a key already held, an error or a lost answer) is then
     * reserved on its own as without grouping, so the answers are the same as one reserve at a time. A
     * reserve arriving alone is made at once by its own statement; one arriving while a statement of its lane
     * is in flight waits for it (one attempt, bounded by the driver's socket timeout), then goes in the next. Off: every reserve is
     * its own statement. H2 never groups. Memory: a fixed number of lanes, holding only waiting callers.
     *
     * @param on whether reserves are grouped
     * @return a ledger on the same data source
     */
    public JdbcLedger withReserveGrouping(boolean on) {
        return new JdbcLedger(ds, dialect, budget, on);
    }

    /**
     * Opens the ledger, creating or upgrading its tables first.
     *
     * @param dataSource a PostgreSQL or H2 data source (a pool such as HikariCP in production)
     * @return the ledger
     * @throws IllegalStateException if the database cannot be reached or migrated
     */
    public static JdbcLedger create(DataSource dataSource) {
        return create(dataSource, DEFAULT_BUDGET);
    }

    /**
     * Opens the ledger, creating or upgrading its tables first.
     *
     * @param dataSource a PostgreSQL or H2 data source
     * @param operationBudget how long an operation without its own deadline retries transient database
     *     failures before it reports {@link LedgerUnavailableException}
     * @return the ledger
     * @throws IllegalStateException if the database cannot be reached or migrated
     */
    public static JdbcLedger create(DataSource dataSource, Duration operationBudget) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (operationBudget == null || operationBudget.isNegative()) {
            throw new IllegalArgumentException("operationBudget must be zero or positive");
        }
        try {
            Migrations.migrate(dataSource);
            try (Connection c = dataSource.getConnection()) {
                return new JdbcLedger(dataSource, Dialect.of(c), operationBudget, true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("JdbcLedger cannot prepare its schema: " + e.getMessage(), e);
        }
    }

    /**
     * Opens the ledger on a schema that is already migrated (by another start, or by a migration tool
     * that applied this jar's {@code V*__*.sql} files and their {@code comms_schema_version} rows), without
     * changing it: for applications that do not let services alter their schema at start-up.
     *
     * @param dataSource a PostgreSQL or H2 data source
     * @param operationBudget how long an operation without its own deadline retries transient database
     *     failures before it reports {@link LedgerUnavailableException}
     * @return the ledger
     * @throws IllegalStateException if the database cannot be reached, or its schema is missing or older
     *     than this version of comms-store-jdbc needs (the message says which version and how to migrate)
     */
    public static JdbcLedger open(DataSource dataSource, Duration operationBudget) {
        Objects.requireNonNull(dataSource, "dataSource");
        if (operationBudget == null || operationBudget.isNegative()) {
            throw new IllegalArgumentException("operationBudget must be zero or positive");
        }
        try {
            Migrations.check(dataSource);
            try (Connection c = dataSource.getConnection()) {
                return new JdbcLedger(dataSource, Dialect.of(c), operationBudget, true);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("JdbcLedger cannot read its schema version: " + e.getMessage(), e);
        }
    }

    @FunctionalInterface
    private interface Tx<T> {
        T run(Connection c) throws SQLException;
    }

    /** A business outcome decided inside a transaction that must roll it back. */
    private static final class Abort extends RuntimeException {
        private static final long serialVersionUID = 1L;

        Abort(RuntimeException cause) {
            super(cause);
        }
    }

    private <T> T tx(Tx<T> body) {
        return tx(body, null);
    }

    /**
     * Runs one transaction, retrying transient failures until the budget (the caller's deadline, at
     * most {@link #budget}) runs out; at least one attempt is made.
     */
    private <T> T tx(Tx<T> body, Instant deadline) {
        return run(body, deadline, false);
    }

    /**
     * Runs one autocommit statement (PostgreSQL's single-round-trip paths), retrying transient failures
     * like {@link #tx(Tx, Instant)}: the statement is its own transaction, so no COMMIT round trip keeps
     * a row locked.
     */
    private <T> T statement(Tx<T> body, Instant deadline) {
        return run(body, deadline, true);
    }

    private <T> T run(Tx<T> body, Instant deadline, boolean autoCommit) {
        long budgetNanos = budget.toNanos();
        if (deadline != null) {
            long left = Duration.between(Instant.now(), deadline).toNanos();
            budgetNanos = Math.max(0, Math.min(budgetNanos, left));
        }
        long stopAt = System.nanoTime() + budgetNanos;
        SQLException last = null;
        for (int attempt = 1; attempt <= MAX_ATTEMPTS; attempt++) {
            try (Connection c = ds.getConnection()) {
                if (autoCommit) {
                    c.setAutoCommit(true);
                    try {
                        return body.run(c);
                    } catch (Abort a) {
                        throw (RuntimeException) a.getCause();
                    }
                }
                c.setAutoCommit(false);
                try {
                    T result = body.run(c);
                    c.commit();
                    return result;
                } catch (Abort a) {
                    c.rollback();
                    throw (RuntimeException) a.getCause();
                } catch (SQLException | RuntimeException e) {
                    try {
                        c.rollback();
                    } catch (SQLException ignored) {
                        // the connection is gone; the server rolled back
                    }
                    throw e;
                }
            } catch (SQLException e) {
                if (!transient_(e)) {
                    throw new IllegalStateException("ledger operation failed: " + e.getMessage() + " (SQLState " + e.getSQLState() + ")", e);
                }
                last = e;
                long pause = 5L << Math.min(attempt, 6);
                if (System.nanoTime() + pause * 1_000_000 > stopAt) {
                    break;
                }
                LOG.debug("Comms ledger retrying after a transient database error (attempt {}): {}", attempt, e.toString());
                try {
                    Thread.sleep(pause);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
        }
        throw new LedgerUnavailableException("the ledger database cannot be reached (" + (last == null ? "interrupted"
                : last.getClass().getSimpleName() + ", SQLState " + last.getSQLState()) + ")", last);
    }

    private static boolean transient_(SQLException e) {
        if (e instanceof java.sql.SQLTransientException || e instanceof java.sql.SQLRecoverableException
                || e instanceof java.sql.SQLNonTransientConnectionException || e.getCause() instanceof java.io.IOException) {
            return true;
        }
        String s = e.getSQLState();
        return s != null && (s.startsWith("08") || s.equals("40001") || s.equals("40P01") || s.startsWith("57P") || s.equals("HYT00")
                || s.equals("55P03"));
    }

    private static boolean uniqueViolation(SQLException e) {
        return "23505".equals(e.getSQLState());
    }

    // ---- reserve -------------------------------------------------------------------------------------------------

    @Override
    public Hold reserve(HoldRequest r) {
        // One transaction, no read first: the send path pays for the conditional UPDATE and the INSERT
        // only. A replay is found where it shows: no credits taken (the key's hold is looked up before
        // reporting insufficient credits), or a unique violation on the key (rolled back, then read).
        // A hold found with the request's own send id is this send's, made by an attempt whose COMMIT
        // answer was lost: it is returned as the send's hold, not as a replay.
        try {
            if (lanes != null) {
                Hold grouped = reserveGrouped(r);
                if (grouped != null) {
                    return grouped;
                }
            }
            if (dialect == Dialect.POSTGRESQL) {
                Optional<Hold> made = statement(c -> reserveInOneStatement(c, r), r.deadline());
                if (made.isPresent()) {
                    return made.get();
                }
                // nothing was taken: the key's hold (a replay), or not enough credits
                return tx(c -> notTaken(c, r), r.deadline());
            }
            return tx(c -> {
                long amount = r.amount().microPence();
                int taken;
                try (PreparedStatement ps = c.prepareStatement("UPDATE comms_credit_account SET available = available - ?, "
                        + "held = held + ? WHERE account = ? AND mode = ? AND available >= ?")) {
                    ps.setLong(1, amount);
                    ps.setLong(2, amount);
                    ps.setString(3, r.account());
                    ps.setString(4, r.mode().name());
                    ps.setLong(5, amount);
                    taken = ps.executeUpdate();
                }
                if (taken == 0) {
                    return notTaken(c, r);
                }
                try (PreparedStatement ps = c.prepareStatement("INSERT INTO comms_credit_hold (account, mode, idem_key, key_slot, "
                        + "fingerprint, channel, amount, state, created_at, expires_at, region, send_id) VALUES (?, ?, ?, ?, ?, ?, ?, "
                        + "'PENDING', CURRENT_TIMESTAMP, " + dialect.nowPlusMillis + ", ?, ?)", dialect.generatedHoldColumns)) {
                    ps.setString(1, r.account());
                    ps.setString(2, r.mode().name());
                    ps.setString(3, r.key());
                    ps.setString(4, r.key());
                    ps.setString(5, r.fingerprint());
                    ps.setString(6, r.channel().name());
                    ps.setLong(7, amount);
                    ps.setLong(8, r.lease().toMillis());
                    ps.setString(9, r.region());
                    ps.setString(10, r.sendId());
                    ps.executeUpdate();
                    try (ResultSet keys = ps.getGeneratedKeys()) {
                        if (!keys.next()) {
                            throw new SQLException("the database returned no id for the new hold");
                        }
                        return newHold(r, keys.getLong(1), keys.getTimestamp(2));
                    }
                }
            }, r.deadline());
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException s && uniqueViolation(s)) {
                // another request with this key won the race (or our own earlier attempt did): its hold
                // stands, ours was rolled back
                return replay(tx(c -> readHold(c, "account = ? AND mode = ? AND key_slot = ?", r.account(), r.mode().name(), r.key()),
                        r.deadline()).orElseThrow(() -> e), r);
            }
            throw e;
        }
    }

    /**
     * PostgreSQL: the conditional UPDATE of the account and the hold's INSERT in one autocommit statement
     * (one round trip; the account row is locked only while the statement runs and commits). A key
     * already held fails the INSERT with a unique violation, which rolls the UPDATE back with it.
     *
     * @return the new hold, or empty if the account had too little available (nothing changed)
     */
    private Optional<Hold> reserveInOneStatement(Connection c, HoldRequest r) throws SQLException {
        long amount = r.amount().microPence();
        try (PreparedStatement ps = c.prepareStatement("WITH taken AS (UPDATE comms_credit_account SET available = available - ?, "
                + "held = held + ? WHERE account = ? AND mode = ? AND available >= ? RETURNING account) "
                + "INSERT INTO comms_credit_hold (account, mode, idem_key, key_slot, fingerprint, channel, amount, state, created_at, "
                + "expires_at, region, send_id) SELECT ?, ?, ?, ?, ?, ?, ?, 'PENDING', CURRENT_TIMESTAMP, " + dialect.nowPlusMillis
                + ", ?, ? FROM taken RETURNING id, expires_at")) {
            ps.setLong(1, amount);
            ps.setLong(2, amount);
            ps.setString(3, r.account());
            ps.setString(4, r.mode().name());
            ps.setLong(5, amount);
            ps.setString(6, r.account());
            ps.setString(7, r.mode().name());
            ps.setString(8, r.key());
            ps.setString(9, r.key());
            ps.setString(10, r.fingerprint());
            ps.setString(11, r.channel().name());
            ps.setLong(12, amount);
            ps.setLong(13, r.lease().toMillis());
            ps.setString(14, r.region());
            ps.setString(15, r.sendId());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(newHold(r, rs.getLong(1), rs.getTimestamp(2))) : Optional.empty();
            }
        }
    }

    // ---- group commit of reserves (PostgreSQL) --------------------------------------------------------------------

    /** One reserve waiting in a lane; {@code hold} stays null when the group did not grant it. */
    private static final class Waiting {
        final HoldRequest request;
        final Thread thread = Thread.currentThread();
        volatile boolean served;
        Hold hold;

        Waiting(HoldRequest request) {
            this.request = request;
        }
    }

    /** Reserves waiting for the lane's leader; one leader at a time runs their group statement. */
    private static final class ReserveLane {
        final java.util.concurrent.ConcurrentLinkedQueue<Waiting> queue = new java.util.concurrent.ConcurrentLinkedQueue<>();
        final java.util.concurrent.atomic.AtomicBoolean busy = new java.util.concurrent.atomic.AtomicBoolean();
    }

    /**
     * Group commit: the caller queues its reserve in the account's lane; whoever finds the lane free leads,
     * taking every queued reserve (up to {@link #MAX_GROUP}) into one statement per account, until its own
     * is served; reserves arriving meanwhile queue for the next statement. The queue holds at most the
     * callers' own threads.
     *
     * @return the hold the group granted, or null: reserve alone (alone in the lane, not granted, or the
     *     group failed)
     */
    private Hold reserveGrouped(HoldRequest r) {
        ReserveLane lane = lanes[Math.floorMod(r.account().hashCode() * 31 + r.mode().ordinal(), LANES)];
        Waiting me = new Waiting(r);
        lane.queue.add(me);
        while (!me.served) {
            if (lane.busy.compareAndSet(false, true)) {
                try {
                    while (!me.served) {
                        List<Waiting> group = new ArrayList<>();
                        for (Waiting w; group.size() < MAX_GROUP && (w = lane.queue.poll()) != null; ) {
                            group.add(w);
                        }
                        runGroups(group);
                    }
                } finally {
                    lane.busy.set(false);
                    Waiting next = lane.queue.peek();
                    if (next != null) {
                        java.util.concurrent.locks.LockSupport.unpark(next.thread);
                    }
                }
            } else {
                java.util.concurrent.locks.LockSupport.parkNanos(lane, 1_000_000L);
            }
        }
        return me.hold;
    }

    /**
     * Runs one statement per account of {@code group}: a group statement for two or more reserves with
     * distinct keys, the single reserve statement for one alone; then serves every waiter.
     */
    private void runGroups(List<Waiting> group) {
        try {
            java.util.Map<String, List<Waiting>> byAccount = new java.util.LinkedHashMap<>();
            for (Waiting w : group) {
                byAccount.computeIfAbsent(w.request.account() + "\u0000" + w.request.mode().name(), k -> new ArrayList<>()).add(w);
            }
            for (List<Waiting> same : byAccount.values()) {
                java.util.Set<String> keys = new java.util.HashSet<>();
                List<Waiting> distinct = new ArrayList<>();
                for (Waiting w : same) {
                    if (keys.add(w.request.key())) {
                        distinct.add(w); // a repeated key is left to reserve alone: it is a replay of the first
                    }
                }
                if (distinct.size() == 1) {
                    // alone: its own statement, run by the leader so that reserves arriving meanwhile queue
                    // into the next group; one attempt (retries happen outside the lane, by the caller)
                    Waiting w = distinct.get(0);
                    try (Connection c = ds.getConnection()) {
                        c.setAutoCommit(true);
                        w.hold = reserveInOneStatement(c, w.request).orElse(null);
                    } catch (SQLException | RuntimeException e) {
                        LOG.debug("Comms ledger reserve failed in its lane; retrying alone: {}", e.toString());
                        w.hold = null;
                    }
                } else if (distinct.size() > 1) {
                    try {
                        reserveGroup(distinct);
                    } catch (SQLException | RuntimeException e) {
                        // nothing is known of the group (a lost answer too): each reserves alone, which finds
                        // a hold the group made by its key and send id
                        LOG.debug("Comms ledger group reserve failed; reserving one by one: {}", e.toString());
                        for (Waiting w : distinct) {
                            w.hold = null;
                        }
                    }
                }
            }
        } finally {
            for (Waiting w : group) {
                w.served = true;
                java.util.concurrent.locks.LockSupport.unpark(w.thread);
            }
        }
    }

    /**
     * One statement for several reserves of one account: locks the account row, grants in arrival order
     * those whose running total fits in available, inserts their holds (a key already held inserts
     * nothing), and takes exactly the inserted amounts from available. One attempt, no retry.
     */
    private void reserveGroup(List<Waiting> group) throws SQLException {
        HoldRequest first = group.get(0).request;
        int n = group.size();
        Object[] amounts = new Object[n];
        Object[] keys = new Object[n];
        Object[] fingerprints = new Object[n];
        Object[] channels = new Object[n];
        Object[] regions = new Object[n];
        Object[] sendIds = new Object[n];
        Object[] leases = new Object[n];
        for (int i = 0; i < n; i++) {
            HoldRequest r = group.get(i).request;
            amounts[i] = r.amount().microPence();
            keys[i] = r.key();
            fingerprints[i] = r.fingerprint();
            channels[i] = r.channel().name();
            regions[i] = r.region();
            sendIds[i] = r.sendId();
            leases[i] = r.lease().toMillis();
        }
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("WITH req AS (SELECT * FROM unnest(?::bigint[], ?::varchar[], ?::varchar[], "
                    + "?::varchar[], ?::varchar[], ?::varchar[], ?::bigint[]) WITH ORDINALITY AS r(amount, idem_key, fingerprint, channel, "
                    + "region, send_id, lease_ms, ord)), "
                    + "acc AS (SELECT available FROM comms_credit_account WHERE account = ? AND mode = ? FOR UPDATE), "
                    + "fit AS (SELECT r.* FROM (SELECT req.*, SUM(amount) OVER (ORDER BY ord) AS total FROM req) r, acc "
                    + "WHERE r.total <= acc.available), "
                    + "ins AS (INSERT INTO comms_credit_hold (account, mode, idem_key, key_slot, fingerprint, channel, amount, state, "
                    + "created_at, expires_at, region, send_id) SELECT ?, ?, idem_key, idem_key, fingerprint, channel, amount, 'PENDING', "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + lease_ms * INTERVAL '1 millisecond', region, send_id FROM fit ORDER BY ord "
                    + "ON CONFLICT DO NOTHING RETURNING id, key_slot, amount, expires_at), "
                    + "upd AS (UPDATE comms_credit_account SET available = available - (SELECT COALESCE(SUM(amount), 0) FROM ins), "
                    + "held = held + (SELECT COALESCE(SUM(amount), 0) FROM ins) WHERE account = ? AND mode = ?) "
                    + "SELECT id, key_slot, expires_at FROM ins")) {
                ps.setArray(1, c.createArrayOf("bigint", amounts));
                ps.setArray(2, c.createArrayOf("varchar", keys));
                ps.setArray(3, c.createArrayOf("varchar", fingerprints));
                ps.setArray(4, c.createArrayOf("varchar", channels));
                ps.setArray(5, c.createArrayOf("varchar", regions));
                ps.setArray(6, c.createArrayOf("varchar", sendIds));
                ps.setArray(7, c.createArrayOf("bigint", leases));
                ps.setString(8, first.account());
                ps.setString(9, first.mode().name());
                ps.setString(10, first.account());
                ps.setString(11, first.mode().name());
                ps.setString(12, first.account());
                ps.setString(13, first.mode().name());
                java.util.Map<String, Hold> made = new java.util.HashMap<>();
                java.util.Map<String, HoldRequest> byKey = new java.util.HashMap<>();
                for (Waiting w : group) {
                    byKey.put(w.request.key(), w.request);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String key = rs.getString(2);
                        made.put(key, newHold(byKey.get(key), rs.getLong(1), rs.getTimestamp(3)));
                    }
                }
                for (Waiting w : group) {
                    w.hold = made.get(w.request.key());
                }
                groupGranted.addAndGet(made.size());
            }
        }
    }

    /** @return how many reserves wait in the lanes for a leader (for tests) */
    int waitingReserves() {
        int n = 0;
        if (lanes != null) {
            for (ReserveLane lane : lanes) {
                n += lane.queue.size();
            }
        }
        return n;
    }

    /** @return how many reserves group statements have granted */
    long groupGranted() {
        return groupGranted.get();
    }

    private static Hold newHold(HoldRequest r, long id, Timestamp expires) {
        return new Hold(id, r.account(), r.mode(), r.key(), r.fingerprint(), r.channel(), r.region(), r.amount(), HoldState.PENDING,
                expires == null ? null : expires.toInstant(), false, r.sendId(), PendingReason.IN_FLIGHT, "");
    }

    /** No credits were taken: the key's existing hold is the answer, or there were not enough credits. */
    private static Hold notTaken(Connection c, HoldRequest r) throws SQLException {
        Optional<Hold> existing = readHold(c, "account = ? AND mode = ? AND key_slot = ?", r.account(), r.mode().name(), r.key());
        if (existing.isPresent()) {
            return replay(existing.get(), r);
        }
        throw new Abort(new InsufficientCreditsException(available(c, r.account(), r.mode()), r.amount(), r.channel()));
    }

    private static Hold replay(Hold h, HoldRequest r) {
        if (!h.fingerprint().equals(r.fingerprint())) {
            throw Ledgers.conflict(r.key(), r.channel());
        }
        boolean own = !r.sendId().isEmpty() && r.sendId().equals(h.sendId());
        return h.replayed(!own);
    }

    private static Money available(Connection c, String account, Mode mode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT available FROM comms_credit_account WHERE account = ? AND mode = ?")) {
            ps.setString(1, account);
            ps.setString(2, mode.name());
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Money.ofMicroPence(rs.getLong(1)) : Money.ZERO;
            }
        }
    }

    // ---- commit / release / expire ------------------------------------------------------------------------------

    private record Locked(long id, String account, Mode mode, String key, Channel channel, long amount, HoldState state,
            long charged, long unbilled, long before, long after) {
    }

    private static Optional<Locked> lockHold(Connection c, long id) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT id, account, mode, idem_key, channel, amount, state, charged, unbilled, "
                + "available_before, available_after FROM comms_credit_hold WHERE id = ? FOR UPDATE")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Locked(rs.getLong(1), rs.getString(2), Mode.valueOf(rs.getString(3)), rs.getString(4),
                        Channel.valueOf(rs.getString(5)), rs.getLong(6), HoldState.valueOf(rs.getString(7)), rs.getLong(8),
                        rs.getLong(9), rs.getLong(10), rs.getLong(11)));
            }
        }
    }

    private static long lockAvailable(Connection c, String account, Mode mode) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT available FROM comms_credit_account WHERE account = ? AND mode = ? FOR UPDATE")) {
            ps.setString(1, account);
            ps.setString(2, mode.name());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    throw new IllegalStateException("the account row of " + account + " is missing");
                }
                return rs.getLong(1);
            }
        }
    }

    @Override
    public Settlement commit(long holdId, Money actual) {
        Objects.requireNonNull(actual, "actual");
        if (actual.isNegative()) {
            throw new IllegalArgumentException("actual cost must not be negative: " + actual);
        }
        if (dialect == Dialect.POSTGRESQL) {
            Optional<Settlement> quick = statement(c -> commitHeldInOneStatement(c, holdId, actual.microPence()), null);
            if (quick.isPresent()) {
                return quick.get();
            }
            // not a pending hold of exactly this amount: committed before (a lost answer), released,
            // expired, missing, or a cost other than the hold; the general path decides on the locked rows
        }
        return tx(c -> {
            Locked h = lockHold(c, holdId).orElseThrow(() -> new Abort(new IllegalStateException("no hold " + holdId)));
            return commitIn(c, h, actual.microPence());
        });
    }

    /**
     * PostgreSQL, a pending hold committed at exactly its amount (the usual send): one autocommit
     * statement marks it committed, adds held/debited to a random stripe of {@code comms_credit_tally}
     * and writes the CHARGE; the account row is neither locked nor written (available does not change),
     * so commits do not queue behind reserves on a busy account. Exact: the hold row's state change
     * ({@code WHERE state = 'PENDING'}) lets one commit, release or expiry win.
     *
     * @return the settlement, or empty if the hold is not pending at exactly {@code amount}
     */
    private static Optional<Settlement> commitHeldInOneStatement(Connection c, long holdId, long amount) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("WITH h AS (UPDATE comms_credit_hold h SET state = 'COMMITTED', charged = h.amount, "
                + "unbilled = 0, available_before = a.available, available_after = a.available, resolved_at = CURRENT_TIMESTAMP "
                + "FROM comms_credit_account a WHERE h.id = ? AND h.state = 'PENDING' AND h.amount = ? AND a.account = h.account "
                + "AND a.mode = h.mode RETURNING h.id, h.account, h.mode, h.idem_key, h.channel, h.amount, h.available_before), "
                + "t AS (INSERT INTO comms_credit_tally (account, mode, stripe, held, debited) SELECT account, mode, ?, -amount, amount "
                + "FROM h ON CONFLICT (account, mode, stripe) DO UPDATE SET held = comms_credit_tally.held + EXCLUDED.held, "
                + "debited = comms_credit_tally.debited + EXCLUDED.debited), "
                + "j AS (INSERT INTO comms_credit_journal (account, mode, kind, amount, hold_id, idem_key, channel, at) "
                + "SELECT account, mode, 'CHARGE', amount, id, idem_key, channel, CURRENT_TIMESTAMP FROM h WHERE amount > 0) "
                + "SELECT amount, available_before FROM h")) {
            ps.setLong(1, holdId);
            ps.setLong(2, amount);
            ps.setInt(3, ThreadLocalRandom.current().nextInt(TALLY_STRIPES));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Money available = Money.ofMicroPence(rs.getLong(2));
                return Optional.of(new Settlement(holdId, Money.ofMicroPence(rs.getLong(1)), Money.ZERO, available, available));
            }
        }
    }

    private Settlement commitIn(Connection c, Locked h, long want) throws SQLException {
        long holdId = h.id();
        if (h.state() == HoldState.COMMITTED) {
            return new Settlement(h.id(), Money.ofMicroPence(h.charged()), Money.ofMicroPence(h.unbilled()),
                    Money.ofMicroPence(h.after()), Money.ofMicroPence(h.before()));
        }
        if (h.state() == HoldState.RELEASED) {
            throw new Abort(new IllegalStateException("hold " + holdId + " was released: nothing was sent, so nothing can be charged"));
        }
        long before = lockAvailable(c, h.account(), h.mode());
        boolean pending = h.state() == HoldState.PENDING;
        long fromHold = pending ? Math.min(want, h.amount()) : 0;
        long availableNow = before + (pending ? h.amount() - fromHold : 0);
        long extra = want - fromHold;
        long extraCharged = Math.min(extra, availableNow);
        long unbilled = extra - extraCharged;
        long after = availableNow - extraCharged;
        long charged = fromHold + extraCharged;
        try (PreparedStatement ps = c.prepareStatement("UPDATE comms_credit_account SET available = ?, held = held - ?, "
                + "debited = debited + ? WHERE account = ? AND mode = ?")) {
            ps.setLong(1, after);
            ps.setLong(2, pending ? h.amount() : 0);
            ps.setLong(3, charged);
            ps.setString(4, h.account());
            ps.setString(5, h.mode().name());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE comms_credit_hold SET state = 'COMMITTED', charged = ?, unbilled = ?, "
                + "available_before = ?, available_after = ?, resolved_at = CURRENT_TIMESTAMP WHERE id = ?")) {
            ps.setLong(1, charged);
            ps.setLong(2, unbilled);
            ps.setLong(3, before);
            ps.setLong(4, after);
            ps.setLong(5, holdId);
            ps.executeUpdate();
        }
        if (charged > 0) {
            journal(c, h.account(), h.mode(), EntryKind.CHARGE, charged, holdId, h.key(), h.channel());
        }
        if (unbilled > 0) {
            journal(c, h.account(), h.mode(), EntryKind.UNBILLED, unbilled, holdId, h.key(), h.channel());
        }
        return new Settlement(holdId, Money.ofMicroPence(charged), Money.ofMicroPence(unbilled), Money.ofMicroPence(after),
                Money.ofMicroPence(before));
    }

    private static void journal(Connection c, String account, Mode mode, EntryKind kind, long amount, Long holdId, String key,
            Channel channel) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO comms_credit_journal (account, mode, kind, amount, hold_id, "
                + "idem_key, channel, at) VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)")) {
            ps.setString(1, account);
            ps.setString(2, mode.name());
            ps.setString(3, kind.name());
            ps.setLong(4, amount);
            if (holdId == null) {
                ps.setNull(5, java.sql.Types.BIGINT);
            } else {
                ps.setLong(5, holdId);
            }
            ps.setString(6, key);
            ps.setString(7, channel == null ? null : channel.name());
            ps.executeUpdate();
        }
    }

    @Override
    public boolean release(long holdId) {
        if (dialect == Dialect.POSTGRESQL) {
            // one autocommit statement: the hold leaves PENDING (one winner) and its credits return
            return statement(c -> {
                try (PreparedStatement ps = c.prepareStatement("WITH h AS (UPDATE comms_credit_hold SET state = 'RELEASED', "
                        + "resolved_at = CURRENT_TIMESTAMP WHERE id = ? AND state = 'PENDING' RETURNING account, mode, amount), "
                        + "a AS (UPDATE comms_credit_account a SET available = a.available + h.amount, held = a.held - h.amount FROM h "
                        + "WHERE a.account = h.account AND a.mode = h.mode RETURNING a.account) SELECT COUNT(*) FROM h")) {
                    ps.setLong(1, holdId);
                    try (ResultSet rs = ps.executeQuery()) {
                        return rs.next() && rs.getLong(1) == 1;
                    }
                }
            }, null);
        }
        return tx(c -> {
            Optional<Locked> h = lockHold(c, holdId);
            if (h.isEmpty() || h.get().state() != HoldState.PENDING) {
                return false;
            }
            returnHold(c, h.get(), HoldState.RELEASED);
            return true;
        });
    }

    @Override
    public boolean abandon(long holdId) {
        return tx(c -> abandonIn(c, holdId));
    }

    private static boolean abandonIn(Connection c, long holdId) throws SQLException {
        Optional<Locked> h = lockHold(c, holdId);
        if (h.isEmpty() || h.get().state() != HoldState.PENDING) {
            return false;
        }
        returnHold(c, h.get(), HoldState.RELEASED);
        try (PreparedStatement ps = c.prepareStatement("UPDATE comms_credit_hold SET key_slot = NULL WHERE id = ?")) {
            ps.setLong(1, holdId);
            ps.executeUpdate();
        }
        return true;
    }

    @Override
    public boolean abandonSend(String account, Mode mode, String key, String sendId) {
        if (sendId == null || sendId.isEmpty()) {
            return false;
        }
        return tx(c -> {
            Optional<Hold> h = readHold(c, "account = ? AND mode = ? AND key_slot = ? AND send_id = ?", account, mode.name(), key, sendId);
            return h.isPresent() && abandonIn(c, h.get().id());
        });
    }

    @Override
    public boolean markUnknown(long holdId, String reference, Duration atLeast) {
        Objects.requireNonNull(reference, "reference");
        Objects.requireNonNull(atLeast, "atLeast");
        return tx(c -> {
            try (PreparedStatement ps = c.prepareStatement("UPDATE comms_credit_hold SET pending_reason = 'OUTCOME_UNKNOWN', reference = ?, "
                    + "expires_at = GREATEST(expires_at, " + dialect.nowPlusMillis + ") WHERE id = ? AND state = 'PENDING'")) {
                ps.setString(1, reference);
                ps.setLong(2, atLeast.toMillis());
                ps.setLong(3, holdId);
                return ps.executeUpdate() == 1;
            }
        });
    }

    private static void returnHold(Connection c, Locked h, HoldState to) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE comms_credit_hold SET state = ?, resolved_at = CURRENT_TIMESTAMP "
                + "WHERE id = ?")) {
            ps.setString(1, to.name());
            ps.setLong(2, h.id());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement("UPDATE comms_credit_account SET available = available + ?, held = held - ? "
                + "WHERE account = ? AND mode = ?")) {
            ps.setLong(1, h.amount());
            ps.setLong(2, h.amount());
            ps.setString(3, h.account());
            ps.setString(4, h.mode().name());
            ps.executeUpdate();
        }
    }

    @Override
    public int expireDue() {
        return tx(c -> {
            List<Locked> due = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id, account, mode, idem_key, channel, amount FROM comms_credit_hold "
                    + "WHERE state = 'PENDING' AND pending_reason = 'IN_FLIGHT' AND expires_at <= CURRENT_TIMESTAMP ORDER BY id "
                    + "FETCH FIRST 200 ROWS ONLY FOR UPDATE SKIP LOCKED")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        due.add(new Locked(rs.getLong(1), rs.getString(2), Mode.valueOf(rs.getString(3)), rs.getString(4),
                                Channel.valueOf(rs.getString(5)), rs.getLong(6), HoldState.PENDING, 0, 0, 0, 0));
                    }
                }
            }
            for (Locked h : due) {
                returnHold(c, h, HoldState.EXPIRED);
            }
            return due.size();
        });
    }

    @Override
    public List<Settled> commitUnknownDue() {
        return tx(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT id FROM comms_credit_hold WHERE state = 'PENDING' AND pending_reason = "
                    + "'OUTCOME_UNKNOWN' AND expires_at <= CURRENT_TIMESTAMP ORDER BY id FETCH FIRST 200 ROWS ONLY FOR UPDATE SKIP LOCKED")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            List<Settled> out = new ArrayList<>();
            for (long id : ids) {
                Optional<Hold> before = readHold(c, "id = ?", id);
                Optional<Locked> h = lockHold(c, id);
                if (before.isPresent() && h.isPresent() && h.get().state() == HoldState.PENDING) {
                    out.add(new Settled(before.get(), commitIn(c, h.get(), h.get().amount())));
                }
            }
            return out;
        });
    }

    @Override
    public List<Hold> unknownHolds(int max) {
        return tx(c -> readHolds(c, "state = 'PENDING' AND pending_reason = 'OUTCOME_UNKNOWN' ORDER BY id FETCH FIRST " + Math.max(1, max)
                + " ROWS ONLY"));
    }

    @Override
    public int purgeResolved(Duration retention) {
        int total = 0;
        for (int round = 0; round < 1_000; round++) {
            int n = tx(c -> {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM comms_credit_hold WHERE id IN (SELECT id FROM comms_credit_hold "
                        + "WHERE state <> 'PENDING' AND resolved_at < " + dialect.nowPlusMillis + " ORDER BY resolved_at FETCH FIRST 1000 ROWS ONLY)")) {
                    ps.setLong(1, -retention.toMillis());
                    return ps.executeUpdate();
                }
            });
            total += n;
            if (n < 1000) {
                break;
            }
        }
        return total;
    }

    // ---- credits ------------------------------------------------------------------------------------------------

    private void ensureAccount(String account, Mode mode) {
        try (Connection c = ds.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM comms_credit_account WHERE account = ? AND mode = ?")) {
                ps.setString(1, account);
                ps.setString(2, mode.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (rs.next()) {
                        return;
                    }
                }
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO comms_credit_account (account, mode) VALUES (?, ?)")) {
                ps.setString(1, account);
                ps.setString(2, mode.name());
                ps.executeUpdate();
            } catch (SQLException e) {
                if (!uniqueViolation(e)) {
                    throw e;
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot create the account row: " + e.getMessage(), e);
        }
    }

    private static boolean claimKey(Connection c, String account, Mode mode, String key) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT 1 FROM comms_credit_key WHERE account = ? AND mode = ? AND idem_key = ?")) {
            ps.setString(1, account);
            ps.setString(2, mode.name());
            ps.setString(3, key);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO comms_credit_key (account, mode, idem_key) VALUES (?, ?, ?)")) {
            ps.setString(1, account);
            ps.setString(2, mode.name());
            ps.setString(3, key);
            ps.executeUpdate();
            return true;
        }
    }

    @Override
    public boolean credit(String account, Mode mode, Money amount, String key, EntryKind kind) {
        Ledgers.checkAccount(account);
        checkPositive(amount);
        Objects.requireNonNull(key, "key");
        if (kind != EntryKind.TOP_UP && kind != EntryKind.GRANT) {
            throw new IllegalArgumentException("credit kind must be TOP_UP or GRANT, not " + kind);
        }
        ensureAccount(account, mode);
        try {
            return tx(c -> {
                long before = lockAvailable(c, account, mode);
                if (!claimKey(c, account, mode, "credit:" + key)) {
                    return false;
                }
                Math.addExact(before, amount.microPence());
                try (PreparedStatement ps = c.prepareStatement("UPDATE comms_credit_account SET available = available + ?, "
                        + "credited = credited + ? WHERE account = ? AND mode = ?")) {
                    ps.setLong(1, amount.microPence());
                    ps.setLong(2, amount.microPence());
                    ps.setString(3, account);
                    ps.setString(4, mode.name());
                    ps.executeUpdate();
                }
                journal(c, account, mode, kind, amount.microPence(), null, key, null);
                return true;
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException s && uniqueViolation(s)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public boolean transfer(String from, String to, Mode mode, Money amount, String key) {
        Ledgers.checkAccount(from);
        Ledgers.checkAccount(to);
        checkPositive(amount);
        Objects.requireNonNull(key, "key");
        if (from.equals(to)) {
            throw new IllegalArgumentException("cannot transfer from an account to itself: " + from);
        }
        ensureAccount(from, mode);
        ensureAccount(to, mode);
        try {
            return tx(c -> {
                // lock both rows in a fixed order: no deadlock between opposite transfers
                String first = from.compareTo(to) < 0 ? from : to;
                lockAvailable(c, first, mode);
                lockAvailable(c, first.equals(from) ? to : from, mode);
                if (!claimKey(c, from, mode, "transfer-out:" + key)) {
                    return false;
                }
                claimKey(c, to, mode, "transfer-in:" + key);
                int taken;
                try (PreparedStatement ps = c.prepareStatement("UPDATE comms_credit_account SET available = available - ?, "
                        + "debited = debited + ? WHERE account = ? AND mode = ? AND available >= ?")) {
                    ps.setLong(1, amount.microPence());
                    ps.setLong(2, amount.microPence());
                    ps.setString(3, from);
                    ps.setString(4, mode.name());
                    ps.setLong(5, amount.microPence());
                    taken = ps.executeUpdate();
                }
                if (taken == 0) {
                    throw new Abort(new InsufficientCreditsException(available(c, from, mode), amount, null));
                }
                try (PreparedStatement ps = c.prepareStatement("UPDATE comms_credit_account SET available = available + ?, "
                        + "credited = credited + ? WHERE account = ? AND mode = ?")) {
                    ps.setLong(1, amount.microPence());
                    ps.setLong(2, amount.microPence());
                    ps.setString(3, to);
                    ps.setString(4, mode.name());
                    ps.executeUpdate();
                }
                journal(c, from, mode, EntryKind.TRANSFER_OUT, amount.microPence(), null, key, null);
                journal(c, to, mode, EntryKind.TRANSFER_IN, amount.microPence(), null, key, null);
                return true;
            });
        } catch (IllegalStateException e) {
            if (e.getCause() instanceof SQLException s && uniqueViolation(s)) {
                return false;
            }
            throw e;
        }
    }

    private static void checkPositive(Money amount) {
        Objects.requireNonNull(amount, "amount");
        if (amount.isNegative() || amount.isZero()) {
            throw new IllegalArgumentException("amount must be positive: " + amount);
        }
    }

    // ---- reads --------------------------------------------------------------------------------------------------

    @Override
    public Balance balance(String account, Mode mode) {
        Ledgers.checkAccount(account);
        return tx(c -> {
            // held and debited include the commit tallies (V7): one statement, one snapshot
            try (PreparedStatement ps = c.prepareStatement("SELECT a.available, a.held + COALESCE((SELECT SUM(t.held) FROM "
                    + "comms_credit_tally t WHERE t.account = a.account AND t.mode = a.mode), 0), a.credited, a.debited + "
                    + "COALESCE((SELECT SUM(t.debited) FROM comms_credit_tally t WHERE t.account = a.account AND t.mode = a.mode), 0) "
                    + "FROM comms_credit_account a WHERE a.account = ? AND a.mode = ?")) {
                ps.setString(1, account);
                ps.setString(2, mode.name());
                try (ResultSet rs = ps.executeQuery()) {
                    if (!rs.next()) {
                        return new Balance(account, mode, Money.ZERO, Money.ZERO, Money.ZERO, Money.ZERO);
                    }
                    return new Balance(account, mode, Money.ofMicroPence(rs.getLong(1)), Money.ofMicroPence(rs.getLong(2)),
                            Money.ofMicroPence(rs.getLong(3)), Money.ofMicroPence(rs.getLong(4)));
                }
            }
        });
    }

    private static Optional<Hold> readHold(Connection c, String where, Object... args) throws SQLException {
        List<Hold> l = readHolds(c, where, args);
        return l.isEmpty() ? Optional.empty() : Optional.of(l.get(0));
    }

    private static List<Hold> readHolds(Connection c, String where, Object... args) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + HOLD_COLUMNS + " FROM comms_credit_hold WHERE " + where)) {
            for (int i = 0; i < args.length; i++) {
                ps.setObject(i + 1, args[i]);
            }
            List<Hold> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Timestamp exp = rs.getTimestamp(9);
                    out.add(new Hold(rs.getLong(1), rs.getString(2), Mode.valueOf(rs.getString(3)), rs.getString(4), rs.getString(5),
                            Channel.valueOf(rs.getString(6)), rs.getString(10), Money.ofMicroPence(rs.getLong(7)),
                            HoldState.valueOf(rs.getString(8)), exp == null ? null : exp.toInstant(), false, rs.getString(11),
                            PendingReason.valueOf(rs.getString(12)), rs.getString(13)));
                }
            }
            return out;
        }
    }

    @Override
    public Optional<Hold> hold(long holdId) {
        return tx(c -> readHold(c, "id = ?", holdId));
    }

    @Override
    public Optional<Hold> holdByKey(String account, Mode mode, String key) {
        return tx(c -> readHold(c, "account = ? AND mode = ? AND key_slot = ?", account, mode.name(), key));
    }

    @Override
    public List<JournalEntry> journal(String account, Mode mode) {
        return tx(c -> {
            List<JournalEntry> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT seq, kind, amount, hold_id, idem_key, channel, at FROM "
                    + "comms_credit_journal WHERE account = ? AND mode = ? ORDER BY seq")) {
                ps.setString(1, account);
                ps.setString(2, mode.name());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String ch = rs.getString(6);
                        Timestamp at = rs.getTimestamp(7);
                        out.add(new JournalEntry(rs.getLong(1), account, mode, EntryKind.valueOf(rs.getString(2)),
                                Money.ofMicroPence(rs.getLong(3)), rs.getLong(4), rs.getString(5), ch == null ? null : Channel.valueOf(ch),
                                at == null ? Instant.EPOCH : at.toInstant()));
                    }
                }
            }
            return out;
        });
    }

    @Override
    public List<Hold> pendingHolds(String account, Mode mode) {
        return tx(c -> readHolds(c, "account = ? AND mode = ? AND state = 'PENDING' ORDER BY id", account, mode.name()));
    }

    @Override
    public String toString() {
        return "JdbcLedger[" + dialect + "]";
    }
}
