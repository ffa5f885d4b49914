package dev.comms.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
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
import dev.comms.billing.PendingReason;
import dev.comms.billing.Settlement;
import dev.comms.billing.contract.LedgerScenarios;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * One hot account on PostgreSQL, where reserve, commit and release are single autocommit statements and
 * exact commits go to stripe rows (V7): 64 threads of reserve then commit (exact or below the hold) or
 * release, with an observer reading the balance throughout. The balance must be exact at every read
 * (gap zero, nothing negative) and at the end (available + debited = funded, one CHARGE per committed
 * hold). The same scenario with a read-then-write reserve is the negative control: it must fail. And the
 * answers lost after the server committed: a reserve finds its own hold, a settle its first settlement.
 */
class PostgresHotAccountTest {
    private static final Money PRICE = Money.ofPence(3);

    @BeforeEach
    void requirePostgres() {
        if (!Databases.postgresEnabled()) {
            System.out.println(Databases.skipMessage());
        }
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
    }

    /** How a scenario takes credits: the ledger's own reserve, or the naive control's. */
    @FunctionalInterface
    interface Reserve {
        Hold reserve(HoldRequest r) throws SQLException;
    }

    record Outcome(long funded, Balance end, int commits, int partial, int releases, int rejected, long chargeCount, long doubleCharged,
            long journalCharged, int badReads, long minAvailable, int reads) {
        boolean exact() {
            return end.gap().isZero() && end.held().isZero() && end.available().microPence() + end.debited().microPence() == funded
                    && chargeCount == commits + partial && doubleCharged == 0 && journalCharged == end.debited().microPence()
                    && badReads == 0 && minAvailable >= 0;
        }

        @Override
        public String toString() {
            return String.format("commits=%d partial=%d releases=%d rejected=%d charges=%d double_charged=%d gap=%d held=%s available=%s "
                    + "debited=%s funded=%s reads=%d bad_reads=%d min_available=%d", commits, partial, releases, rejected, chargeCount,
                    doubleCharged, end.gap().microPence(), end.held().format(), end.available().format(), end.debited().format(),
                    Money.ofMicroPence(funded).format(), reads, badReads, minAvailable);
        }
    }

    static Outcome hotAccount(JdbcLedger ledger, Reserve reserve, String account, int threads, int perThread, int fundedSms)
            throws Exception {
        long funded = PRICE.times(fundedSms).microPence();
        ledger.credit(account, Mode.LIVE, Money.ofMicroPence(funded), "fund", EntryKind.TOP_UP);
        AtomicInteger commits = new AtomicInteger();
        AtomicInteger partial = new AtomicInteger();
        AtomicInteger releases = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger badReads = new AtomicInteger();
        AtomicInteger reads = new AtomicInteger();
        AtomicLong minAvailable = new AtomicLong(Long.MAX_VALUE);
        AtomicBoolean done = new AtomicBoolean();
        Thread observer = new Thread(() -> {
            while (!done.get()) {
                Balance b = ledger.balance(account, Mode.LIVE);
                reads.incrementAndGet();
                minAvailable.accumulateAndGet(b.available().microPence(), Math::min);
                if (!b.gap().isZero() || b.held().isNegative() || b.debited().isNegative()) {
                    badReads.incrementAndGet();
                }
            }
        }, "balance-observer");
        observer.start();
        try {
            LedgerScenarios.run(threads, t -> {
                for (int i = 0; i < perThread; i++) {
                    Hold h;
                    try {
                        h = reserve.reserve(new HoldRequest(account, Mode.LIVE, "k-" + t + "-" + i, "fp", Channel.SMS, PRICE,
                                Duration.ofMinutes(10), "GB", "s-" + t + "-" + i, null));
                    } catch (InsufficientCreditsException e) {
                        rejected.incrementAndGet();
                        continue;
                    }
                    switch (i % 4) {
                        case 1 -> {
                            ledger.commit(h.id(), Money.ofPence(2)); // below the hold: the account-row path, 1p back
                            partial.incrementAndGet();
                        }
                        case 3 -> {
                            ledger.release(h.id());
                            releases.incrementAndGet();
                        }
                        default -> {
                            ledger.commit(h.id(), PRICE); // exactly the hold: the stripe path
                            commits.incrementAndGet();
                        }
                    }
                }
            });
        } finally {
            done.set(true);
            observer.join();
        }
        Map<Long, Integer> charges = new HashMap<>();
        long journalCharged = 0;
        for (JournalEntry e : ledger.journal(account, Mode.LIVE)) {
            if (e.kind() == EntryKind.CHARGE) {
                charges.merge(e.holdId(), 1, Integer::sum);
                journalCharged += e.amount().microPence();
            }
        }
        long doubleCharged = charges.values().stream().filter(n -> n > 1).count();
        return new Outcome(funded, ledger.balance(account, Mode.LIVE), commits.get(), partial.get(), releases.get(), rejected.get(),
                charges.values().stream().mapToLong(Integer::longValue).sum(), doubleCharged, journalCharged, badReads.get(),
                minAvailable.get(), reads.get());
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "reserves grouped: {0}")
    @org.junit.jupiter.params.provider.ValueSource(booleans = {false, true})
    void aHotAccountStaysExactUnder64Threads(boolean grouped) throws Exception {
        try (HikariDataSource ds = Databases.postgres("comms-hot-account", 16)) {
            JdbcLedger ledger = JdbcLedger.create(ds).withReserveGrouping(grouped);
            Outcome o = hotAccount(ledger, ledger::reserve, "hot-" + System.nanoTime(), 64, 25, 1000);
            System.out.println("pg_hot_account grouped=" + grouped + " group_granted=" + ledger.groupGranted() + " threads=64 ops=1600 " + o);
            if (grouped) {
                assertThat(ledger.groupGranted()).as("reserves met in group statements").isPositive();
            } else {
                assertThat(ledger.groupGranted()).isZero();
            }
            assertThat(o.rejected()).as("the account ran dry, so the race for the last credits happened").isPositive();
            assertThat(o.badReads()).as("a balance read off by a stripe").isZero();
            assertThat(o.minAvailable()).isNotNegative();
            assertThat(o.end().gap()).isEqualTo(Money.ZERO);
            assertThat(o.end().held()).isEqualTo(Money.ZERO);
            assertThat(o.end().available().microPence() + o.end().debited().microPence()).isEqualTo(o.funded());
            assertThat(o.end().debited()).isEqualTo(PRICE.times(o.commits()).plus(Money.ofPence(2).times(o.partial())));
            assertThat(o.doubleCharged()).isZero();
            assertThat(o.chargeCount()).isEqualTo(o.commits() + o.partial());
            assertThat(o.journalCharged()).isEqualTo(o.end().debited().microPence());
            assertThat(o.exact()).isTrue();
        }
    }

    /** The negative control: the same scenario with a read-then-write reserve (read available, check, write it back). */
    @Test
    void theHotAccountScenarioCatchesAReadThenWriteReserve() throws Exception {
        try (HikariDataSource ds = Databases.postgres("comms-hot-naive", 16)) {
            JdbcLedger ledger = JdbcLedger.create(ds);
            Outcome o = hotAccount(ledger, r -> naiveReserve(ds, r), "naive-" + System.nanoTime(), 64, 10, 400);
            System.out.println("pg_hot_account_naive_control threads=64 ops=640 " + o);
            assertThat(o.exact()).as("the scenario must fail on read-then-write: %s", o).isFalse();
        }
    }

    private static Hold naiveReserve(DataSource ds, HoldRequest r) throws SQLException {
        long amount = r.amount().microPence();
        try (Connection c = ds.getConnection()) {
            long available;
            try (PreparedStatement ps = c.prepareStatement("SELECT available FROM comms_credit_account WHERE account = ? AND mode = ?")) {
                ps.setString(1, r.account());
                ps.setString(2, r.mode().name());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    available = rs.getLong(1);
                }
            }
            if (available < amount) {
                throw new InsufficientCreditsException(Money.ofMicroPence(available), r.amount(), r.channel());
            }
            try (PreparedStatement ps = c.prepareStatement("UPDATE comms_credit_account SET available = ?, held = held + ? "
                    + "WHERE account = ? AND mode = ?")) {
                ps.setLong(1, available - amount);
                ps.setLong(2, amount);
                ps.setString(3, r.account());
                ps.setString(4, r.mode().name());
                ps.executeUpdate();
            }
            try (PreparedStatement ps = c.prepareStatement("INSERT INTO comms_credit_hold (account, mode, idem_key, key_slot, fingerprint, "
                    + "channel, amount, state, created_at, expires_at, region, send_id) VALUES (?, ?, ?, ?, ?, ?, ?, 'PENDING', "
                    + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP + INTERVAL '10 minutes', ?, ?) RETURNING id")) {
                ps.setString(1, r.account());
                ps.setString(2, r.mode().name());
                ps.setString(3, r.key());
                ps.setString(4, r.key());
                ps.setString(5, r.fingerprint());
                ps.setString(6, r.channel().name());
                ps.setLong(7, amount);
                ps.setString(8, r.region());
                ps.setString(9, r.sendId());
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return new Hold(rs.getLong(1), r.account(), r.mode(), r.key(), r.fingerprint(), r.channel(), r.region(), r.amount(),
                            HoldState.PENDING, null, false, r.sendId(), PendingReason.IN_FLIGHT, "");
                }
            }
        }
    }

    /** Grouped reserves racing on the same keys: one hold per key, every other answer a replay of it, nothing held twice. */
    @Test
    void groupedReservesOfTheSameKeysHoldEachKeyOnce() throws Exception {
        try (HikariDataSource ds = Databases.postgres("comms-hot-keys", 16)) {
            JdbcLedger ledger = JdbcLedger.create(ds);
            String account = "keys-" + System.nanoTime();
            ledger.credit(account, Mode.LIVE, Money.ofPounds(10), "fund", EntryKind.TOP_UP);
            Map<String, java.util.Set<Long>> idsByKey = new java.util.concurrent.ConcurrentHashMap<>();
            AtomicInteger fresh = new AtomicInteger();
            LedgerScenarios.run(64, t -> {
                for (int i = 0; i < 8; i++) {
                    String key = "order-" + ((t + i) % 8);
                    Hold h = ledger.reserve(new HoldRequest(account, Mode.LIVE, key, "fp", Channel.SMS, PRICE, Duration.ofMinutes(5), "GB",
                            "send-" + t + "-" + i, null));
                    idsByKey.computeIfAbsent(key, k -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(h.id());
                    if (!h.replayed()) {
                        fresh.incrementAndGet();
                    }
                }
            });
            Balance b = ledger.balance(account, Mode.LIVE);
            System.out.println("pg_grouped_same_keys threads=64 reserves=512 keys=" + idsByKey.size() + " fresh=" + fresh.get()
                    + " group_granted=" + ledger.groupGranted() + " held=" + b.held().format());
            assertThat(idsByKey).hasSize(8);
            assertThat(idsByKey.values()).allSatisfy(ids -> assertThat(ids).hasSize(1));
            assertThat(fresh.get()).as("one new hold per key, every other answer a replay").isEqualTo(8);
            assertThat(b.held()).isEqualTo(PRICE.times(8));
            assertThat(b.gap()).isEqualTo(Money.ZERO);
        }
    }

    // ---- answers lost after the server committed ---------------------------------------------------------------

    private static HikariDataSource throughProxy(TcpProxy proxy, String name) {
        return throughProxy(proxy, name, 2);
    }

    private static HikariDataSource throughProxy(TcpProxy proxy, String name, int size) {
        URI u = URI.create(Databases.POSTGRES_URL.substring("jdbc:".length()));
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
        c.setMaximumPoolSize(size);
        c.setPoolName(name);
        c.setConnectionTimeout(1_000);
        c.addDataSourceProperty("socketTimeout", "5");
        c.addDataSourceProperty("connectTimeout", "2");
        c.addDataSourceProperty("prepareThreshold", "0"); // every execution carries its SQL, so the proxy can find it
        return new HikariDataSource(c);
    }

    private static TcpProxy proxy() throws Exception {
        URI u = URI.create(Databases.POSTGRES_URL.substring("jdbc:".length()));
        return new TcpProxy(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort());
    }

    @Test
    void aReserveWhoseAnswerIsLostReturnsItsOwnHoldOnce() throws Exception {
        try (TcpProxy proxy = proxy(); HikariDataSource ds = throughProxy(proxy, "comms-lost-reserve")) {
            JdbcLedger ledger = JdbcLedger.create(ds);
            String account = "lost-reserve-" + System.nanoTime();
            ledger.credit(account, Mode.LIVE, Money.ofPence(10), "fund", EntryKind.TOP_UP);
            proxy.loseNextAnswerTo("INSERT INTO comms_credit_hold");
            Hold h = ledger.reserve(new HoldRequest(account, Mode.LIVE, "order-1", "fp", Channel.SMS, PRICE, Duration.ofMinutes(5), "GB",
                    "send-1", Instant.now().plusSeconds(10)));
            Balance b = ledger.balance(account, Mode.LIVE);
            System.out.println("pg_lost_reserve_answer lost=" + proxy.lostAcks.get() + " replayed=" + h.replayed() + " held=" + b.held().format()
                    + " pending=" + ledger.pendingHolds(account, Mode.LIVE).size());
            assertThat(proxy.lostAcks.get()).as("the reserve's answer was lost after the server committed").isEqualTo(1);
            assertThat(h.replayed()).as("its own hold, found by the send id, is not a replay").isFalse();
            assertThat(ledger.groupGranted()).as("a reserve arriving alone is its own statement").isZero();
            assertThat(h.sendId()).isEqualTo("send-1");
            assertThat(ledger.pendingHolds(account, Mode.LIVE)).extracting(Hold::id).containsExactly(h.id());
            assertThat(b.held()).isEqualTo(PRICE);
            assertThat(b.available()).isEqualTo(Money.ofPence(7));
            assertThat(b.gap()).isEqualTo(Money.ZERO);
        }
    }

    @Test
    void aSettleWhoseAnswerIsLostChargesOnceAndReturnsTheSettlement() throws Exception {
        try (TcpProxy proxy = proxy(); HikariDataSource ds = throughProxy(proxy, "comms-lost-settle")) {
            JdbcLedger ledger = JdbcLedger.create(ds);
            String account = "lost-settle-" + System.nanoTime();
            ledger.credit(account, Mode.LIVE, Money.ofPence(10), "fund", EntryKind.TOP_UP);
            Hold h = ledger.reserve(new HoldRequest(account, Mode.LIVE, "order-1", "fp", Channel.SMS, PRICE, Duration.ofMinutes(5)));
            proxy.loseNextAnswerTo("comms_credit_tally");
            Settlement s = ledger.commit(h.id(), PRICE);
            Balance b = ledger.balance(account, Mode.LIVE);
            long charges = ledger.journal(account, Mode.LIVE).stream().filter(e -> e.kind() == EntryKind.CHARGE).count();
            System.out.println("pg_lost_settle_answer lost=" + proxy.lostAcks.get() + " charged=" + s.charged().format() + " charges=" + charges
                    + " debited=" + b.debited().format());
            assertThat(proxy.lostAcks.get()).as("the settle's answer was lost after the server committed").isEqualTo(1);
            assertThat(s.charged()).isEqualTo(PRICE);
            assertThat(s.unbilled()).isEqualTo(Money.ZERO);
            assertThat(charges).isEqualTo(1);
            assertThat(b.debited()).isEqualTo(PRICE);
            assertThat(b.held()).isEqualTo(Money.ZERO);
            assertThat(b.available()).isEqualTo(Money.ofPence(7));
            assertThat(ledger.hold(h.id()).orElseThrow().state()).isEqualTo(HoldState.COMMITTED);
            assertThat(ledger.commit(h.id(), PRICE).charged()).as("committing again returns the first settlement").isEqualTo(PRICE);
        }
    }

    /**
     * A group statement whose answer is lost: every reserve in it finds its own hold alone, none is held
     * twice. The group is made certain by holding the account row from another connection until 15
     * reserves queue behind the first one's statement.
     */
    @Test
    void aGroupWhoseAnswerIsLostLeavesEachReserveItsOwnHold() throws Exception {
        try (TcpProxy proxy = proxy(); HikariDataSource ds = throughProxy(proxy, "comms-lost-group", 8);
                HikariDataSource direct = Databases.postgres("comms-row-blocker", 1)) {
            JdbcLedger ledger = JdbcLedger.create(ds);
            String account = "lost-group-" + System.nanoTime();
            ledger.credit(account, Mode.LIVE, Money.ofPounds(10), "fund", EntryKind.TOP_UP);
            java.util.Set<Long> ids = java.util.concurrent.ConcurrentHashMap.newKeySet();
            AtomicInteger replayed = new AtomicInteger();
            int reserves = 16;
            Thread senders;
            try (Connection blocker = direct.getConnection()) {
                blocker.setAutoCommit(false);
                try (PreparedStatement ps = blocker.prepareStatement("SELECT available FROM comms_credit_account WHERE account = ? FOR UPDATE")) {
                    ps.setString(1, account);
                    ps.executeQuery().close();
                }
                java.util.concurrent.atomic.AtomicReference<Throwable> failed = new java.util.concurrent.atomic.AtomicReference<>();
                senders = new Thread(() -> {
                    try {
                        LedgerScenarios.run(reserves, t -> {
                            Hold h = ledger.reserve(new HoldRequest(account, Mode.LIVE, "k-" + t, "fp", Channel.SMS, PRICE,
                                    Duration.ofMinutes(5), "GB", "send-" + t, Instant.now().plusSeconds(30)));
                            ids.add(h.id());
                            if (h.replayed()) {
                                replayed.incrementAndGet();
                            }
                        });
                    } catch (Exception e) {
                        failed.set(e);
                    }
                });
                senders.start();
                long until = System.nanoTime() + 20_000_000_000L;
                while (ledger.waitingReserves() < reserves - 1 && System.nanoTime() < until) {
                    Thread.sleep(20);
                }
                assertThat(ledger.waitingReserves()).as("the others queued behind the first reserve's statement").isEqualTo(reserves - 1);
                proxy.loseNextAnswerTo("unnest(");
                blocker.commit();
                senders.join(60_000);
                assertThat(failed.get()).isNull();
            }
            Balance b = ledger.balance(account, Mode.LIVE);
            System.out.println("pg_lost_group_answer lost=" + proxy.lostAcks.get() + " reserves=" + reserves + " holds=" + ids.size()
                    + " replayed=" + replayed.get() + " held=" + b.held().format());
            assertThat(proxy.lostAcks.get()).as("the group statement's answer was lost").isEqualTo(1);
            assertThat(ids).hasSize(reserves);
            assertThat(replayed.get()).as("each found its own hold by its send id").isZero();
            assertThat(ledger.pendingHolds(account, Mode.LIVE)).hasSize(reserves);
            assertThat(b.held()).isEqualTo(PRICE.times(reserves));
            assertThat(b.gap()).isEqualTo(Money.ZERO);
        }
    }

    @Test
    void aReserveStopsRetryingAtItsDeadlineWhenTheDatabaseIsAway() throws Exception {
        try (TcpProxy proxy = proxy(); HikariDataSource ds = throughProxy(proxy, "comms-away")) {
            JdbcLedger ledger = JdbcLedger.create(ds, Duration.ofSeconds(30));
            String account = "away-" + System.nanoTime();
            ledger.credit(account, Mode.LIVE, Money.ofPence(10), "fund", EntryKind.TOP_UP);
            proxy.cut();
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> ledger.reserve(new HoldRequest(account, Mode.LIVE, "order-1", "fp",
                    Channel.SMS, PRICE, Duration.ofMinutes(5), "GB", "send-1", Instant.now().plusSeconds(1))))
                    .isInstanceOf(dev.comms.billing.LedgerUnavailableException.class);
            proxy.restore();
            Balance b = ledger.balance(account, Mode.LIVE);
            assertThat(b.available()).isEqualTo(Money.ofPence(10));
            assertThat(b.held()).isEqualTo(Money.ZERO);
        }
    }
}
