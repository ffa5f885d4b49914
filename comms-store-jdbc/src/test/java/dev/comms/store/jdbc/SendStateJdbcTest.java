package dev.comms.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.comms.AttemptEvent;
import dev.comms.Billing;
import dev.comms.BillingEvent;
import dev.comms.CallReceipt;
import dev.comms.Comms;
import dev.comms.CommsException;
import dev.comms.CommsListener;
import dev.comms.ErrorCode;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.SendOptions;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.VoiceCall;
import dev.comms.billing.Balance;
import dev.comms.billing.EntryKind;
import dev.comms.billing.JournalEntry;
import dev.comms.billing.LedgerCreditMeter;
import dev.comms.testkit.FakeProvider;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * A send's money when the database goes away or the process restarts, through the real facade, the
 * fakes and the JDBC ledger: H2 with a data source the test switches off (always runs), PostgreSQL
 * behind a TCP proxy that cuts connections and drops a COMMIT's answer (runs when
 * COMMS_TEST_POSTGRES_URL is set; the shared server is never stopped).
 */
class SendStateJdbcTest {
    private final FakeProvider fake = new FakeProvider();
    private final List<BillingEvent> events = new CopyOnWriteArrayList<>();

    private Comms facade(LedgerCreditMeter meter, String account, CommsListener... extra) {
        Comms.Builder b = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE)
                .property("comms.account", account).property("comms.sms.from", "Acme").property("comms.voice.from", "+14155552671")
                .property("comms.maintenance.interval", "0").creditMeter(meter).listener(new CommsListener() {
                    @Override
                    public void onBilling(BillingEvent event) {
                        events.add(event);
                    }
                });
        for (CommsListener l : extra) {
            b.listener(l);
        }
        return b.build();
    }

    private static Sms sms(String body) {
        return Sms.to("+447123456789").body(body).build();
    }

    private static String account(String prefix) {
        return prefix + "-" + System.nanoTime();
    }

    // ---- restart ----------------------------------------------------------------------------------------------

    @Test
    void aCallSettlesByItsReceiptAfterARestartOnH2() throws Exception {
        try (HikariDataSource ds = Databases.h2File()) {
            settlesAfterRestart(ds, "h2");
        }
    }

    @Test
    void aCallSettlesByItsReceiptAfterARestartOnPostgres() throws Exception {
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
        try (HikariDataSource ds = Databases.postgres("comms-restart", 4)) {
            settlesAfterRestart(ds, "pg");
        }
    }

    private void settlesAfterRestart(HikariDataSource ds, String db) {
        String account = account("restart");
        JdbcLedger before = JdbcLedger.create(ds);
        before.credit(account, Mode.LIVE, Money.ofPounds(5), "fund", EntryKind.TOP_UP);
        CallReceipt call;
        try (Comms first = facade(new LedgerCreditMeter(before), account)) {
            call = first.voice().send(VoiceCall.to("+447123456789").say("Your table is ready").build(), SendOptions.idempotencyKey("call-1"));
        }
        // a new process: new ledger object, new meter, new facade on the same database
        JdbcLedger after = JdbcLedger.create(ds);
        try (Comms second = facade(new LedgerCreditMeter(after), account)) {
            assertThatThrownBy(() -> second.forAccount("someone-else").voice().settle(call, Duration.ofSeconds(61)))
                    .isInstanceOf(IllegalArgumentException.class);
            Billing billing = second.voice().settle(call, Duration.ofSeconds(61));
            Balance b = after.balance(account, Mode.LIVE);
            System.out.println("restart db=" + db + " hold=" + call.billing().holdId() + " held_before=70p charged=" + billing.cost().format()
                    + " available=" + b.available().format() + " held=" + b.held().format() + " gap=" + b.gap().microPence());
            assertThat(billing.cost()).isEqualTo(Money.ofPence(14));
            assertThat(b.available()).isEqualTo(Money.ofPence(486));
            assertThat(b.held()).isEqualTo(Money.ZERO);
            assertThat(b.gap()).isEqualTo(Money.ZERO);
        }
    }

    // ---- the database away before and after the provider call ------------------------------------------------

    @Test
    void aLedgerThatCannotBeReachedBeforeTheProviderCallIsServiceUnavailableWithNothingSent() throws Exception {
        try (HikariDataSource h2 = Databases.h2File()) {
            SwitchableDataSource ds = new SwitchableDataSource(h2);
            JdbcLedger ledger = JdbcLedger.create(ds, Duration.ofSeconds(5));
            String account = account("down");
            ledger.credit(account, Mode.LIVE, Money.ofPounds(1), "fund", EntryKind.TOP_UP);
            try (Comms comms = facade(new LedgerCreditMeter(ledger), account)) {
                ds.down.set(true);
                long t0 = System.nanoTime();
                assertThatThrownBy(() -> comms.sms().send(sms("hello"), SendOptions.idempotencyKey("k-1").withDeadline(Duration.ofSeconds(1))))
                        .isInstanceOfSatisfying(CommsException.class, e -> {
                            assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
                            assertThat(e.status()).isEqualTo(503);
                            assertThat(e.getMessage()).isEqualTo("The credit ledger cannot be reached, so nothing was sent and nothing was "
                                    + "charged: retry later.");
                        });
                long ms = (System.nanoTime() - t0) / 1_000_000;
                System.out.println("ledger_down_before_send deadline=1s blocked_ms=" + ms + " provider_requests=" + fake.sms().requests());
                assertThat(ms).isLessThan(4_000); // the send's deadline, not the 5 s budget or the pool's timeout
                assertThat(fake.sms().requests()).isZero();
                ds.down.set(false);
                // the key was not kept: the retry sends once and charges once
                SmsReceipt r = comms.sms().send(sms("hello"), SendOptions.idempotencyKey("k-1"));
                assertThat(r.billing().state()).isEqualTo(Billing.State.CHARGED);
            }
            assertThat(ledger.balance(account, Mode.LIVE).debited()).isEqualTo(Money.ofPence(3));
        }
    }

    @Test
    void aChargeTheLedgerCannotTakeIsKeptOnDiskAndAppliedByTheNextProcess() throws Exception {
        Path dir = Files.createTempDirectory(Path.of("target"), "kept-");
        try (HikariDataSource h2 = Databases.h2File()) {
            SwitchableDataSource ds = new SwitchableDataSource(h2);
            JdbcLedger ledger = JdbcLedger.create(ds, Duration.ofMillis(200));
            String account = account("kept");
            ledger.credit(account, Mode.LIVE, Money.ofPounds(1), "fund", EntryKind.TOP_UP);
            // the database goes away while the provider call is under way: after the reserve, before the commit
            CommsListener pullThePlug = new CommsListener() {
                @Override
                public void onAttempt(AttemptEvent event) {
                    ds.down.set(true);
                }
            };
            LedgerCreditMeter first = LedgerCreditMeter.builder(ledger).journalDirectory(dir).build();
            SmsReceipt r;
            try (Comms comms = facade(first, account, pullThePlug)) {
                r = comms.sms().send(sms("sent while the database was away"));
            }
            assertThat(r.billing().state()).isEqualTo(Billing.State.DEFERRED);
            assertThat(r.billing().cost()).isEqualTo(Money.ofPence(3));
            assertThat(events).extracting(BillingEvent::kind).containsExactly(BillingEvent.Kind.SETTLEMENT_DEFERRED);
            assertThat(Files.readString(dir.resolve("comms-settlements.log"))).startsWith("D ");
            // the process "crashes" here: the first meter is dropped with its memory queue
            ds.down.set(false);
            LedgerCreditMeter second = LedgerCreditMeter.builder(JdbcLedger.create(ds)).journalDirectory(dir).build();
            assertThat(second.keptOperations()).isEqualTo(1);
            try (Comms next = facade(second, account)) {
                next.reconcile();
            }
            Balance b = ledger.balance(account, Mode.LIVE);
            System.out.println("kept_on_disk deferred=1 applied_by_next_process=" + (second.keptOperations() == 0) + " charged="
                    + b.debited().format() + " held=" + b.held().format() + " events=" + events.stream().map(BillingEvent::kind).toList());
            assertThat(second.keptOperations()).isZero();
            assertThat(b.debited()).isEqualTo(Money.ofPence(3));
            assertThat(b.held()).isEqualTo(Money.ZERO);
            assertThat(b.gap()).isEqualTo(Money.ZERO);
            assertThat(Files.size(dir.resolve("comms-settlements.log"))).isZero();
            assertThat(events).extracting(BillingEvent::kind).contains(BillingEvent.Kind.SETTLEMENT_APPLIED);
        }
    }

    @Test
    void whenNeitherTheLedgerNorTheQueueCanTakeAChargeItIsReportedLostNeverSilent() throws Exception {
        try (HikariDataSource h2 = Databases.h2File()) {
            SwitchableDataSource ds = new SwitchableDataSource(h2);
            JdbcLedger ledger = JdbcLedger.create(ds, Duration.ofMillis(100));
            String account = account("lost");
            ledger.credit(account, Mode.LIVE, Money.ofPounds(1), "fund", EntryKind.TOP_UP);
            CommsListener pullThePlug = new CommsListener() {
                @Override
                public void onAttempt(AttemptEvent event) {
                    ds.down.set(true);
                }
            };
            try (Comms comms = facade(LedgerCreditMeter.builder(ledger).keptOperations(1).build(), account, pullThePlug)) {
                comms.sms().send(sms("one"));
                ds.down.set(false);
                comms.sms().send(sms("two"));
            }
            assertThat(events).extracting(BillingEvent::kind).containsExactly(BillingEvent.Kind.SETTLEMENT_DEFERRED,
                    BillingEvent.Kind.SETTLEMENT_LOST);
        }
    }

    // ---- PostgreSQL behind a proxy -------------------------------------------------------------------------------

    private static HikariDataSource throughProxy(TcpProxy proxy, String name, int size) {
        URI u = URI.create(Databases.POSTGRES_URL.substring("jdbc:".length()));
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:postgresql://127.0.0.1:" + proxy.port() + u.getRawPath() + (u.getRawQuery() == null ? "" : "?" + u.getRawQuery()));
        c.setMaximumPoolSize(size);
        c.setPoolName(name);
        c.setConnectionTimeout(1_000);
        c.setValidationTimeout(500);
        c.addDataSourceProperty("socketTimeout", "5");
        c.addDataSourceProperty("connectTimeout", "2");
        // unnamed statements only, so every COMMIT carries its text and the proxy can find it
        c.addDataSourceProperty("prepareThreshold", "0");
        return new HikariDataSource(c);
    }

    private static TcpProxy proxy() throws Exception {
        URI u = URI.create(Databases.POSTGRES_URL.substring("jdbc:".length()));
        return new TcpProxy(u.getHost(), u.getPort() < 0 ? 5432 : u.getPort());
    }

    @Test
    void aReserveWhoseCommitAnswerIsLostFindsItsOwnHold() throws Exception {
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
        try (TcpProxy proxy = proxy(); HikariDataSource ds = throughProxy(proxy, "comms-lost-ack", 4)) {
            JdbcLedger ledger = JdbcLedger.create(ds);
            String account = account("lostack");
            ledger.credit(account, Mode.LIVE, Money.ofPounds(1), "fund", EntryKind.TOP_UP);
            try (Comms comms = facade(new LedgerCreditMeter(ledger), account)) {
                // on PostgreSQL the reserve is one autocommit statement: its answer is the one lost
                proxy.loseNextAnswerTo("INSERT INTO comms_credit_hold");
                SmsReceipt r = comms.sms().send(sms("hello"), SendOptions.idempotencyKey("order-1"));
                assertThat(r.billing().state()).isEqualTo(Billing.State.CHARGED);
            }
            Balance b = ledger.balance(account, Mode.LIVE);
            long holds = ledger.journal(account, Mode.LIVE).stream().filter(e -> e.kind() == EntryKind.CHARGE).count();
            System.out.println("lost_commit_ack lost=" + proxy.lostAcks.get() + " provider_sends=" + fake.sms().sent().size() + " charges="
                    + holds + " charged=" + b.debited().format() + " held=" + b.held().format());
            assertThat(proxy.lostAcks.get()).isEqualTo(1);
            assertThat(fake.sms().sent()).hasSize(1);
            assertThat(holds).isEqualTo(1);
            assertThat(b.debited()).isEqualTo(Money.ofPence(3));
            assertThat(b.held()).isEqualTo(Money.ZERO);
        }
    }

    @Test
    void theDatabaseCutAwayUnderRunningSendsLosesNoChargeAndChargesNothingUnsent() throws Exception {
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
        Path dir = Files.createTempDirectory(Path.of("target"), "chaos-kept-");
        try (TcpProxy proxy = proxy(); HikariDataSource ds = throughProxy(proxy, "comms-chaos", 8)) {
            // a budget shorter than most cuts, so reserves fail (refused, nothing sent) and commits are kept for later
            JdbcLedger ledger = JdbcLedger.create(ds, Duration.ofMillis(700));
            String account = account("chaos");
            ledger.credit(account, Mode.LIVE, Money.ofPounds(1_000), "fund", EntryKind.TOP_UP);
            LedgerCreditMeter meter = LedgerCreditMeter.builder(ledger).journalDirectory(dir).build();
            AtomicBoolean stop = new AtomicBoolean();
            AtomicInteger sends = new AtomicInteger();
            AtomicInteger receipts = new AtomicInteger();
            AtomicInteger deferred = new AtomicInteger();
            Set<String> refused = ConcurrentHashMap.newKeySet();
            Thread chaos = new Thread(() -> {
                ThreadLocalRandom r = ThreadLocalRandom.current();
                for (int i = 0; !stop.get(); i++) {
                    try {
                        Thread.sleep(r.nextLong(500, 1_200));
                        if (i % 4 == 0) {
                            proxy.loseNextCommitAck(); // a transaction's COMMIT, or a settle's statement ('COMMITTED')
                        } else if (i % 4 == 2) {
                            proxy.loseNextAnswerTo("INSERT INTO comms_credit_hold"); // a reserve's statement
                        }
                        proxy.cut();
                        Thread.sleep(r.nextLong(200, 2_000));
                        proxy.restore();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "chaos");
            long t0 = System.nanoTime();
            try (Comms comms = facade(meter, account)) {
                chaos.start();
                Thread[] workers = new Thread[8];
                for (int w = 0; w < workers.length; w++) {
                    int id = w;
                    workers[w] = new Thread(() -> {
                        for (int i = 0; !stop.get(); i++) {
                            String key = "k-" + id + "-" + i;
                            sends.incrementAndGet();
                            try {
                                SmsReceipt r = comms.sms().send(sms("n " + key), SendOptions.idempotencyKey(key));
                                receipts.incrementAndGet();
                                if (r.billing().state() == Billing.State.DEFERRED) {
                                    deferred.incrementAndGet();
                                }
                            } catch (CommsException e) {
                                refused.add(key);
                            }
                        }
                    });
                    workers[w].start();
                }
                Thread.sleep(8_000);
                stop.set(true);
                for (Thread t : workers) {
                    t.join(30_000);
                }
                chaos.interrupt();
                chaos.join(5_000);
                proxy.restore();
                // the database is back: apply what was kept, bounded in time
                long until = System.nanoTime() + 30_000_000_000L;
                while ((meter.keptOperations() > 0 || ledger.balance(account, Mode.LIVE).held().microPence() > 0) && System.nanoTime() < until) {
                    comms.reconcile();
                    Thread.sleep(100);
                }
            }
            Set<String> sentKeys = fake.sms().sent().stream().map(s -> s.context().idempotencyKey()).collect(Collectors.toSet());
            List<JournalEntry> journal = ledger.journal(account, Mode.LIVE);
            Set<String> chargedKeys = new HashSet<>();
            int doubleCharged = 0;
            for (JournalEntry e : journal) {
                if (e.kind() == EntryKind.CHARGE && !chargedKeys.add(e.key())) {
                    doubleCharged++;
                }
            }
            List<String> sentWithoutCharge = new ArrayList<>(sentKeys);
            sentWithoutCharge.removeAll(chargedKeys);
            List<String> chargedWithoutSend = new ArrayList<>(chargedKeys);
            chargedWithoutSend.removeAll(sentKeys);
            int unknown = ledger.unknownHolds(10_000).size();
            Balance b = ledger.balance(account, Mode.LIVE);
            System.out.printf("db_chaos seconds=%.1f cuts=%d lost_commit_acks=%d sends=%d receipts=%d deferred=%d refused=%d provider_sends=%d "
                    + "sent_without_charge=%d charged_without_send=%d double_charged=%d unknown=%d held=%s gap=%d kept_left=%d%n",
                    (System.nanoTime() - t0) / 1e9, proxy.cuts.get(), proxy.lostAcks.get(), sends.get(), receipts.get(), deferred.get(),
                    refused.size(), sentKeys.size(), sentWithoutCharge.size(), chargedWithoutSend.size(), doubleCharged, unknown,
                    b.held().format(), b.gap().microPence(), meter.keptOperations());
            assertThat(proxy.cuts.get()).isGreaterThan(2);
            assertThat(refused.size() + deferred.get()).as("the cuts reached sends").isGreaterThan(0);
            assertThat(sentWithoutCharge).isEmpty();
            assertThat(chargedWithoutSend).isEmpty();
            assertThat(doubleCharged).isZero();
            assertThat(b.gap()).isEqualTo(Money.ZERO);
            assertThat(b.held()).isEqualTo(Money.ZERO);
            assertThat(b.debited()).isEqualTo(Money.ofPence(3).times(sentKeys.size()));
            assertThat(meter.keptOperations()).isZero();
        }
    }
}
