package dev.comms.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

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
import dev.comms.billing.contract.LedgerScenarios;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What only a real server shows: two independent data sources (as two JVMs would have) racing on one
 * account, and workers whose connections are killed with pg_terminate_backend every 20-80 ms.
 */
class PostgresAcrossJvmsTest {
    @BeforeEach
    void requirePostgres() {
        if (!Databases.postgresEnabled()) {
            System.out.println(Databases.skipMessage());
        }
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
    }

    @Test
    void twoDataSourcesNeverOverdrawOneAccount() throws Exception {
        String account = "two-ds-" + System.nanoTime();
        try (HikariDataSource a = Databases.postgres("comms-node-a", 10); HikariDataSource b = Databases.postgres("comms-node-b", 10)) {
            JdbcLedger la = JdbcLedger.create(a);
            JdbcLedger lb = JdbcLedger.create(b);
            Money price = Money.ofPence(3);
            la.credit(account, Mode.LIVE, price.times(500), "fund", EntryKind.TOP_UP);
            AtomicInteger granted = new AtomicInteger();
            AtomicInteger rejected = new AtomicInteger();
            long t0 = System.nanoTime();
            LedgerScenarios.run(32, t -> {
                JdbcLedger l = t % 2 == 0 ? la : lb;
                for (int i = 0; i < 40; i++) {
                    try {
                        Hold h = l.reserve(new HoldRequest(account, Mode.LIVE, "k-" + t + "-" + i, "fp", Channel.SMS, price,
                                Duration.ofMinutes(5)));
                        (i % 2 == 0 ? la : lb).commit(h.id(), price);
                        granted.incrementAndGet();
                    } catch (InsufficientCreditsException e) {
                        rejected.incrementAndGet();
                    }
                }
            });
            Balance bal = lb.balance(account, Mode.LIVE);
            System.out.printf("two_datasources threads=32 ops=1280 granted=%d rejected=%d gap=%d available=%s ops/s=%.0f%n",
                    granted.get(), rejected.get(), bal.gap().microPence(), bal.available().format(), 1280 / ((System.nanoTime() - t0) / 1e9));
            assertThat(granted.get()).isEqualTo(500);
            assertThat(bal.available()).isEqualTo(Money.ZERO);
            assertThat(bal.gap()).isEqualTo(Money.ZERO);
        }
    }

    @Test
    void invariantsHoldWhileConnectionsAreKilled() throws Exception {
        String account = "chaos-" + System.nanoTime();
        Money[] prices = {Money.ofPence(3), Money.ofPence(7), Money.parse("0.15"), Money.ofPence(15)};
        try (HikariDataSource workers = Databases.postgres("comms-chaos", 12); HikariDataSource admin = Databases.postgres("comms-admin", 2)) {
            JdbcLedger ledger = JdbcLedger.create(workers);
            JdbcLedger observer = JdbcLedger.create(admin);
            observer.credit(account, Mode.LIVE, Money.ofPounds(200), "fund", EntryKind.TOP_UP);
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger kills = new AtomicInteger();
            AtomicInteger committed = new AtomicInteger();
            AtomicInteger released = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            Thread killer = new Thread(() -> {
                long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
                try (Connection c = admin.getConnection();
                        PreparedStatement ps = c.prepareStatement("SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                                + "WHERE application_name = 'comms-chaos' AND pid <> pg_backend_pid() ORDER BY random() LIMIT 1")) {
                    while (System.nanoTime() < end) {
                        try (ResultSet rs = ps.executeQuery()) {
                            if (rs.next() && rs.getBoolean(1)) {
                                kills.incrementAndGet();
                            }
                        }
                        Thread.sleep(ThreadLocalRandom.current().nextLong(20, 81));
                    }
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                } finally {
                    stop.set(true);
                }
            }, "pg-killer");
            long t0 = System.nanoTime();
            killer.start();
            AtomicInteger ops = new AtomicInteger();
            LedgerScenarios.run(8, t -> {
                int i = 0;
                while (!stop.get()) {
                    String key = "w" + t + "-" + i++;
                    Money price = prices[i % prices.length];
                    Hold h = retry(errors, () -> ledger.reserve(new HoldRequest(account, Mode.LIVE, key, "fp", Channel.SMS, price,
                            Duration.ofMinutes(5))));
                    ops.incrementAndGet();
                    if (ThreadLocalRandom.current().nextInt(10) < 7) {
                        retry(errors, () -> ledger.commit(h.id(), price));
                        committed.incrementAndGet();
                    } else {
                        retry(errors, () -> ledger.release(h.id()));
                        released.incrementAndGet();
                    }
                }
            });
            killer.join();
            double secs = (System.nanoTime() - t0) / 1e9;
            Balance b = observer.balance(account, Mode.LIVE);
            Map<Long, Integer> charges = new HashMap<>();
            Money journalCharged = Money.ZERO;
            for (JournalEntry e : observer.journal(account, Mode.LIVE)) {
                if (e.kind() == EntryKind.CHARGE) {
                    charges.merge(e.holdId(), 1, Integer::sum);
                    journalCharged = journalCharged.plus(e.amount());
                }
            }
            long doubleCharged = charges.values().stream().filter(n -> n > 1).count();
            int pending = observer.pendingHolds(account, Mode.LIVE).size();
            System.out.printf("pg_chaos seconds=%.1f kills=%d ops=%d committed=%d released=%d retried_errors=%d gap=%d "
                    + "double_charged=%d pending_left=%d charged=%s journal=%s ops/s=%.0f%n", secs, kills.get(), ops.get(),
                    committed.get(), released.get(), errors.get(), b.gap().microPence(), doubleCharged, pending,
                    b.debited().format(), journalCharged.format(), ops.get() / secs);
            assertThat(kills.get()).as("connections killed").isPositive();
            assertThat(b.gap()).isEqualTo(Money.ZERO);
            assertThat(doubleCharged).isZero();
            assertThat(pending).isZero();
            assertThat(journalCharged).isEqualTo(b.debited());
            assertThat(charges).hasSize(committed.get());
            assertThat(b.held()).isEqualTo(Money.ZERO);
            assertThat(observer.hold(charges.keySet().iterator().next()).orElseThrow().state()).isEqualTo(HoldState.COMMITTED);
        }
    }

    @Test
    void concurrentSweepersExpireEachHoldOnce() throws Exception {
        String account = "sweep-" + System.nanoTime();
        try (HikariDataSource a = Databases.postgres("comms-sweeper-a", 6); HikariDataSource b = Databases.postgres("comms-sweeper-b", 6)) {
            JdbcLedger la = JdbcLedger.create(a);
            JdbcLedger lb = JdbcLedger.create(b);
            la.credit(account, Mode.LIVE, Money.ofPence(3).times(600), "fund", EntryKind.TOP_UP);
            for (int i = 0; i < 600; i++) {
                la.reserve(new HoldRequest(account, Mode.LIVE, "h" + i, "fp", Channel.SMS, Money.ofPence(3), Duration.ofMillis(200)));
            }
            Thread.sleep(400);
            AtomicInteger expired = new AtomicInteger();
            LedgerScenarios.run(6, t -> {
                JdbcLedger l = t % 2 == 0 ? la : lb;
                for (int n; (n = l.expireDue()) > 0; ) {
                    expired.addAndGet(n);
                }
            });
            Balance bal = la.balance(account, Mode.LIVE);
            System.out.printf("pg_sweepers sweepers=6 datasources=2 holds=600 expired=%d gap=%d held=%s available=%s%n",
                    expired.get(), bal.gap().microPence(), bal.held().format(), bal.available().format());
            // expireDue sweeps the whole database (other tests' holds too), so count by the balance: a hold
            // expired twice would return its 3p twice and show here
            assertThat(expired.get()).isGreaterThanOrEqualTo(600);
            assertThat(la.pendingHolds(account, Mode.LIVE)).isEmpty();
            assertThat(bal.held()).isEqualTo(Money.ZERO);
            assertThat(bal.available()).isEqualTo(Money.ofPence(1800));
            assertThat(bal.gap()).isEqualTo(Money.ZERO);
        }
    }

    /** Repeats an operation whose outcome is unknown (its connection died) until it completes; it is idempotent. */
    private static <T> T retry(AtomicInteger errors, java.util.function.Supplier<T> op) throws InterruptedException {
        for (int attempt = 0; ; attempt++) {
            try {
                return op.get();
            } catch (IllegalStateException e) {
                errors.incrementAndGet();
                if (attempt > 50) {
                    throw e;
                }
                Thread.sleep(10);
            }
        }
    }
}
