package dev.comms.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.comms.Comms;
import dev.comms.IdempotencyException;
import dev.comms.Mode;
import dev.comms.SendOptions;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.billing.contract.LedgerScenarios;
import dev.comms.testkit.FakeProvider;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two facades (own pools, as two JVMs behind a load balancer), no billing, one JDBC idempotency store:
 * each key reaches the provider once and every caller that is not told "in progress" gets the first
 * receipt; after a restart the receipts replay from the database.
 */
class IdempotencyAcrossJvmsTest {
    private static Comms facade(FakeProvider fake, JdbcIdempotencyStore store) {
        return Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE)
                .property("comms.sms.from", "Acme").property("comms.maintenance.interval", "0").idempotencyStore(store).build();
    }

    @Test
    void twoFacadesReplayOneReceiptPerKeyAndSoDoesARestart() throws Exception {
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
        FakeProvider fake = new FakeProvider();
        String run = "run" + System.nanoTime();
        Map<String, String> firstReceipt = new ConcurrentHashMap<>();
        AtomicInteger mismatched = new AtomicInteger();
        AtomicInteger inProgress = new AtomicInteger();
        AtomicInteger receipts = new AtomicInteger();
        try (HikariDataSource a = Databases.postgres("comms-idem-a", 8); HikariDataSource b = Databases.postgres("comms-idem-b", 8)) {
            try (Comms ca = facade(fake, JdbcIdempotencyStore.create(a)); Comms cb = facade(fake, JdbcIdempotencyStore.create(b))) {
                LedgerScenarios.run(16, t -> {
                    Comms c = t % 2 == 0 ? ca : cb;
                    for (int k = 0; k < 50; k++) {
                        String key = run + "-order-" + k;
                        try {
                            SmsReceipt r = c.sms().send(Sms.to("+447123456789").body("order " + k).build(),
                                    SendOptions.idempotencyKey(key).withWaitIfInProgress(java.time.Duration.ofSeconds(10)));
                            receipts.incrementAndGet();
                            String prev = firstReceipt.putIfAbsent(key, r.id());
                            if (prev != null && !prev.equals(r.id())) {
                                mismatched.incrementAndGet();
                            }
                        } catch (IdempotencyException e) {
                            inProgress.incrementAndGet();
                        }
                    }
                });
            }
            System.out.printf("idempotency_two_facades threads=16 keys=50 attempts=800 receipts=%d in_progress=%d provider_requests=%d "
                    + "different_receipts_for_one_key=%d%n", receipts.get(), inProgress.get(), fake.sms().requests(), mismatched.get());
            assertThat(fake.sms().requests()).isEqualTo(50);
            assertThat(mismatched.get()).isZero();
            assertThat(receipts.get()).isEqualTo(800 - inProgress.get());
            // a restart: new store objects, new facades, same database
            try (Comms again = facade(fake, JdbcIdempotencyStore.create(b))) {
                for (int k = 0; k < 50; k++) {
                    String key = run + "-order-" + k;
                    SmsReceipt r = again.sms().send(Sms.to("+447123456789").body("order " + k).build(), SendOptions.idempotencyKey(key));
                    assertThat(r.id()).isEqualTo(firstReceipt.get(key));
                }
            }
            assertThat(fake.sms().requests()).isEqualTo(50);
        }
    }
}
