package dev.comms.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.comms.CallReceipt;
import dev.comms.Comms;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.VoiceCall;
import dev.comms.billing.Balance;
import dev.comms.billing.EntryKind;
import dev.comms.billing.LedgerCreditMeter;
import dev.comms.event.EventStatus;
import dev.comms.event.WebhookOutcome;
import dev.comms.event.WebhookRequest;
import dev.comms.spi.EventStore;
import dev.comms.testkit.FakeProvider;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * Delivery events on the JDBC stores: a call placed, the facade restarted, its completed webhook
 * settles it once even when two instances get it a hundred times at once; H2 always, PostgreSQL when
 * COMMS_TEST_POSTGRES_URL is set.
 */
class EventsJdbcTest {
    private static Comms facade(FakeProvider fake, DataSource ds, String account) {
        return Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE)
                .property("comms.account", account).property("comms.voice.from", "+14155552671").property("comms.maintenance.interval", "0")
                .creditMeter(new LedgerCreditMeter(JdbcLedger.create(ds))).eventStore(JdbcEventStore.create(ds)).build();
    }

    @Test
    void theStoreSeesAnEventOnceAndNeverMovesAMessageBackOnH2() throws Exception {
        try (HikariDataSource ds = Databases.h2File()) {
            storeContract(JdbcEventStore.create(ds), "h2");
        }
    }

    @Test
    void theStoreSeesAnEventOnceAndNeverMovesAMessageBackOnPostgres() throws Exception {
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
        try (HikariDataSource ds = Databases.postgres("comms-events", 32)) {
            storeContract(JdbcEventStore.create(ds), "pg");
        }
    }

    private static void storeContract(EventStore store, String db) throws Exception {
        String id = "evt-" + System.nanoTime();
        AtomicInteger first = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> f = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            f.add(pool.submit(() -> {
                go.await();
                if (store.firstSeen("twilio", id)) {
                    first.incrementAndGet();
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> x : f) {
            x.get(1, TimeUnit.MINUTES);
        }
        pool.shutdown();
        String key = "msg-" + System.nanoTime();
        assertThat(store.advance(key, EventStatus.SMS_SENT)).isTrue();
        assertThat(store.advance(key, EventStatus.SMS_FAILED)).isTrue();
        assertThat(store.advance(key, EventStatus.SMS_SENT)).isFalse();
        assertThat(store.advance(key, EventStatus.SMS_DELIVERED)).isFalse();
        System.out.println("event_store db=" + db + " concurrent_sightings=100 first=" + first.get() + " status=" + store.status(key).orElseThrow());
        assertThat(first.get()).isEqualTo(1);
        assertThat(store.status(key)).contains(EventStatus.SMS_FAILED);
    }

    @Test
    void aCallCompletedAfterARestartSettlesOnceAcrossTwoInstancesOnPostgres() throws Exception {
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
        String account = "events-" + System.nanoTime();
        FakeProvider fake = new FakeProvider();
        try (HikariDataSource a = Databases.postgres("comms-events-a", 8); HikariDataSource b = Databases.postgres("comms-events-b", 8)) {
            JdbcLedger.create(a).credit(account, Mode.LIVE, Money.ofPounds(5), "fund", EntryKind.TOP_UP);
            CallReceipt call;
            try (Comms before = facade(fake, a, account)) {
                call = before.voice().send(VoiceCall.to("+447123456789").say("Your table is ready").build());
            }
            WebhookRequest completed = fake.webhooks().callCompleted(call, Duration.ofSeconds(61));
            // after the restart: two instances get the same webhook a hundred times at once
            int processed = 0;
            int duplicates = 0;
            try (Comms ia = facade(fake, a, account); Comms ib = facade(fake, b, account)) {
                ExecutorService pool = Executors.newFixedThreadPool(16);
                CountDownLatch go = new CountDownLatch(1);
                List<Future<WebhookOutcome>> f = new ArrayList<>();
                for (int i = 0; i < 100; i++) {
                    Comms c = i % 2 == 0 ? ia : ib;
                    f.add(pool.submit(() -> {
                        go.await();
                        return c.events().handle("fake", completed);
                    }));
                }
                go.countDown();
                for (Future<WebhookOutcome> x : f) {
                    WebhookOutcome o = x.get(1, TimeUnit.MINUTES);
                    assertThat(o.status()).isEqualTo(200);
                    processed += o.processed().size();
                    duplicates += o.duplicates();
                }
                pool.shutdown();
            }
            Balance bal = JdbcLedger.create(a).balance(account, Mode.LIVE);
            System.out.println("event_restart_two_instances deliveries=100 processed=" + processed + " duplicates=" + duplicates + " charged="
                    + bal.debited().format() + " available=" + bal.available().format() + " held=" + bal.held().format());
            assertThat(processed).isEqualTo(1);
            assertThat(duplicates).isEqualTo(99);
            assertThat(bal.debited()).isEqualTo(Money.ofPence(14));
            assertThat(bal.held()).isEqualTo(Money.ZERO);
            assertThat(bal.gap()).isEqualTo(Money.ZERO);
        }
    }
}
