package dev.comms.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.comms.Comms;
import dev.comms.IdempotencyException;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.SendOptions;
import dev.comms.Sms;
import dev.comms.billing.Balance;
import dev.comms.billing.EntryKind;
import dev.comms.billing.LedgerCreditMeter;
import dev.comms.billing.contract.LedgerScenarios;
import dev.comms.testkit.FakeProvider;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Two facades, each with its own idempotency store and its own PostgreSQL pool (as two JVMs), race to
 * send the same keys: the shared ledger lets each key send once and charge once.
 */
class MeteredAcrossJvmsTest {
    @Test
    void eachKeySendsOnceAcrossTwoFacades() throws Exception {
        if (!Databases.postgresEnabled()) {
            System.out.println(Databases.skipMessage());
        }
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
        String account = "facades-" + System.nanoTime();
        FakeProvider fake = new FakeProvider(); // one provider shared by both, to count what was really sent
        try (HikariDataSource a = Databases.postgres("comms-facade-a", 8); HikariDataSource b = Databases.postgres("comms-facade-b", 8)) {
            JdbcLedger la = JdbcLedger.create(a);
            JdbcLedger lb = JdbcLedger.create(b);
            la.credit(account, Mode.LIVE, Money.ofPounds(10), "fund", EntryKind.TOP_UP);
            Comms ca = facade(fake, la, account);
            Comms cb = facade(fake, lb, account);
            int keys = 50;
            AtomicInteger sent = new AtomicInteger();
            AtomicInteger refused = new AtomicInteger();
            LedgerScenarios.run(16, t -> {
                Comms c = t % 2 == 0 ? ca : cb;
                for (int k = 0; k < keys; k++) {
                    try {
                        c.sms().send(Sms.to("+447123456789").body("order " + k).build(), SendOptions.idempotencyKey("order-" + k));
                        sent.incrementAndGet();
                    } catch (IdempotencyException e) {
                        refused.incrementAndGet();
                    }
                }
            });
            ca.close();
            cb.close();
            Balance bal = la.balance(account, Mode.LIVE);
            long distinct = fake.sms().sent().stream().map(s -> s.context().idempotencyKey()).distinct().count();
            System.out.printf("two_facades threads=16 keys=%d attempts=%d receipts=%d refused=%d provider_requests=%d provider_sends=%d "
                    + "charged=%s gap=%d%n", keys, 16 * keys, sent.get(), refused.get(), fake.sms().requests(), fake.sms().sent().size(),
                    bal.debited().format(), bal.gap().microPence());
            // the fake dedupes by key (as Resend does), so count requests: each key reaches the provider once
            assertThat(fake.sms().requests()).as("provider requests").isEqualTo(keys);
            assertThat(fake.sms().sent()).hasSize(keys);
            assertThat(distinct).isEqualTo(keys);
            assertThat(bal.debited()).isEqualTo(Money.ofPence(3).times(keys));
            assertThat(bal.gap()).isEqualTo(Money.ZERO);
            assertThat(bal.held()).isEqualTo(Money.ZERO);
        }
    }

    private static Comms facade(FakeProvider fake, JdbcLedger ledger, String account) {
        return Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE)
                .property("comms.account", account).property("comms.sms.from", "Acme")
                .creditMeter(new LedgerCreditMeter(ledger)).build();
    }
}
