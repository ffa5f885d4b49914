package dev.comms.benchmarks;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.comms.Channel;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.billing.EntryKind;
import dev.comms.billing.Hold;
import dev.comms.billing.HoldRequest;
import dev.comms.billing.Ledger;
import dev.comms.store.jdbc.JdbcLedger;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The PostgreSQL ledger on one hot account against the cheapest thing PostgreSQL can do on a hot row.
 * Side A: {@code JdbcLedger} reserve + commit pairs (each a full send's ledger work), 64 threads, one
 * account. Side B: a bare single conditional {@code UPDATE acct SET balance = balance - 1 WHERE id = ? AND
 * balance >= 1} loop on its own table, same threads, same pool. Sides alternate (A, B, A, B, A, B) in one
 * run, so the machine's load hits both; the row is the ratio pairs/s over updates/s per round pair. A pair
 * is two transactions, so 0.5 is the ceiling without batching. A third side, interleaved too, runs the same pairs with
 * reserves grouped ({@link JdbcLedger#withReserveGrouping}: group commit on the hot account), its own row.
 *
 * <p>The database comes from {@code COMMS_TEST_POSTGRES_URL}; without it the row says it was skipped. The
 * harness uses a fresh account and a fresh table and removes both at the end.
 *
 * <p>{@code java -cp comms-benchmarks/target/benchmarks.jar dev.comms.benchmarks.PgLedgerBench [--quick]
 * [--threads N] [--pool N] [--seconds S]}
 */
public final class PgLedgerBench {
    private static final Money PRICE = Money.ofPence(1);

    private PgLedgerBench() {
    }

    /**
     * @param args {@code --quick} for 10 s rounds; {@code --threads}, {@code --pool}, {@code --seconds} override
     * @throws Exception if the harness itself fails
     */
    public static void main(String[] args) throws Exception {
        List<String> a = Arrays.asList(args);
        boolean quick = a.contains("--quick");
        int threads = intArg(a, "--threads", 64);
        int pool = intArg(a, "--pool", 16);
        int seconds = intArg(a, "--seconds", quick ? 10 : 30);
        String url = System.getenv("COMMS_TEST_POSTGRES_URL");
        if (url == null || url.isBlank()) {
            System.out.println("BENCH row=pg-ledger metric=pairs_over_bare_update min=0 median=0 max=0 unit=ratio goal=>=0.4 "
                    + "detail=skipped: COMMS_TEST_POSTGRES_URL is not set");
            return;
        }
        HikariConfig cfg = new HikariConfig();
        cfg.setJdbcUrl(url);
        cfg.setMaximumPoolSize(pool);
        cfg.setMinimumIdle(pool);
        cfg.setPoolName("pg-ledger-bench");
        cfg.setConnectionTimeout(30_000);
        String suffix = UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        String account = "bench-" + suffix;
        String table = "bench_acct_" + suffix;
        try (HikariDataSource ds = new HikariDataSource(cfg)) {
            JdbcLedger grouped = JdbcLedger.create(ds, Duration.ofSeconds(30));
            Ledger ledger = grouped.withReserveGrouping(false);
            ledger.credit(account, Mode.LIVE, Money.ofPounds(1_000_000_000L), "bench-funds", EntryKind.TOP_UP);
            try (Connection c = ds.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE " + table + " (id INT PRIMARY KEY, balance BIGINT NOT NULL)");
                s.execute("INSERT INTO " + table + " VALUES (1, " + Long.MAX_VALUE / 2 + ")");
            }
            try {
                AtomicLong seq = new AtomicLong();
                Side pairs = () -> {
                    long n = seq.incrementAndGet();
                    String id = suffix + "-" + n;
                    Hold h = ledger.reserve(new HoldRequest(account, Mode.LIVE, "k-" + id, "fp", Channel.SMS, PRICE,
                            Duration.ofMinutes(10), "GB", "s-" + id, null));
                    ledger.commit(h.id(), PRICE);
                };
                Side groupedPairs = () -> {
                    long n = seq.incrementAndGet();
                    String id = suffix + "-" + n;
                    Hold h = grouped.reserve(new HoldRequest(account, Mode.LIVE, "k-" + id, "fp", Channel.SMS, PRICE,
                            Duration.ofMinutes(10), "GB", "s-" + id, null));
                    grouped.commit(h.id(), PRICE);
                };
                String sql = "UPDATE " + table + " SET balance = balance - 1 WHERE id = ? AND balance >= 1";
                Side bare = () -> {
                    try (Connection c = ds.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                        ps.setInt(1, 1);
                        if (ps.executeUpdate() != 1) {
                            throw new IllegalStateException("the bare table ran dry");
                        }
                    }
                };
                // warm-up: connections, JIT, plans
                run(pairs, threads, Math.max(2, seconds / 4));
                run(bare, threads, Math.max(2, seconds / 4));
                run(groupedPairs, threads, Math.max(2, seconds / 4));
                int repeats = 3;
                double[] ratio = new double[repeats];
                double[] groupedRatio = new double[repeats];
                double[] pairRate = new double[repeats];
                double[] groupedRate = new double[repeats];
                double[] bareRate = new double[repeats];
                for (int r = 0; r < repeats; r++) {
                    pairRate[r] = run(pairs, threads, seconds);
                    bareRate[r] = run(bare, threads, seconds);
                    groupedRate[r] = run(groupedPairs, threads, seconds);
                    ratio[r] = pairRate[r] / bareRate[r];
                    groupedRatio[r] = groupedRate[r] / bareRate[r];
                    System.out.printf(Locale.ROOT, "round %d: %.1f pairs/s, %.1f updates/s, %.1f grouped pairs/s, ratios %.3f and %.3f%n",
                            r + 1, pairRate[r], bareRate[r], groupedRate[r], ratio[r], groupedRatio[r]);
                }
                checkExact(ds, ledger, account, seq.get());
                double[] sorted = ratio.clone();
                Arrays.sort(sorted);
                double[] ps = pairRate.clone();
                double[] bs = bareRate.clone();
                Arrays.sort(ps);
                Arrays.sort(bs);
                System.out.printf(Locale.ROOT, "BENCH row=pg-ledger metric=pairs_over_bare_update min=%.3f median=%.3f max=%.3f unit=ratio "
                        + "goal=>=0.4 detail=reserve+commit %.0f pairs/s vs bare conditional UPDATE %.0f updates/s (medians), "
                        + "%d threads, pool %d, one account, %d s rounds interleaved x%d%n", sorted[0], sorted[1], sorted[2], ps[1], bs[1],
                        threads, pool, seconds, repeats);
                double[] gs = groupedRatio.clone();
                Arrays.sort(gs);
                double[] gr = groupedRate.clone();
                Arrays.sort(gr);
                System.out.printf(Locale.ROOT, "BENCH row=pg-ledger metric=grouped_pairs_over_bare_update min=%.3f median=%.3f max=%.3f "
                        + "unit=ratio goal=>=1.0 detail=reserve+commit with reserves grouped (group commit) %.0f pairs/s vs bare "
                        + "conditional UPDATE %.0f updates/s (medians), %d threads, pool %d, one account, %d s rounds interleaved x%d%n",
                        gs[0], gs[1], gs[2], gr[1], bs[1], threads, pool, seconds, repeats);
            } finally {
                cleanUp(ds, account, table);
            }
        }
    }

    /** Every pair charged exactly once: debited = pairs x price, nothing held. */
    private static void checkExact(HikariDataSource ds, Ledger ledger, String account, long started) {
        var b = ledger.balance(account, Mode.LIVE);
        long debited = b.debited().microPence() / PRICE.microPence();
        if (b.held().microPence() != 0 || debited > started) {
            throw new IllegalStateException("ledger not exact after the run: " + b + " for " + started + " pairs started");
        }
    }

    @FunctionalInterface
    private interface Side {
        void once() throws Exception;
    }

    /** Runs {@code side} on {@code threads} threads for {@code seconds}; returns completed operations per second. */
    private static double run(Side side, int threads, int seconds) throws InterruptedException {
        AtomicBoolean stop = new AtomicBoolean();
        AtomicLong done = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> ts = new ArrayList<>();
        for (int i = 0; i < threads; i++) {
            Thread t = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    return;
                }
                while (!stop.get()) {
                    try {
                        side.once();
                        done.incrementAndGet();
                    } catch (Exception e) {
                        if (failed.incrementAndGet() == 1) {
                            System.err.println("bench operation failed: " + e);
                        }
                    }
                }
            });
            t.start();
            ts.add(t);
        }
        long t0 = System.nanoTime();
        start.countDown();
        Thread.sleep(seconds * 1000L);
        long n = done.get();
        long t1 = System.nanoTime();
        stop.set(true);
        for (Thread t : ts) {
            t.join();
        }
        if (failed.get() > 0) {
            throw new IllegalStateException(failed.get() + " operations failed during the round");
        }
        return n / ((t1 - t0) / 1e9);
    }

    /** Removes the account's rows from every ledger table that has an account column, and the bare table. */
    private static void cleanUp(HikariDataSource ds, String account, String table) throws SQLException {
        try (Connection c = ds.getConnection()) {
            List<String> tables = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("SELECT table_name FROM information_schema.columns WHERE table_schema = "
                    + "current_schema() AND table_name LIKE 'comms\\_credit\\_%' AND column_name = 'account'")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        tables.add(rs.getString(1));
                    }
                }
            }
            for (String t : tables) {
                try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + t + " WHERE account = ?")) {
                    ps.setString(1, account);
                    ps.executeUpdate();
                }
            }
            try (Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS " + table);
            }
        }
    }

    private static int intArg(List<String> args, String name, int dflt) {
        int i = args.indexOf(name);
        return i >= 0 && i + 1 < args.size() ? Integer.parseInt(args.get(i + 1)) : dflt;
    }
}
