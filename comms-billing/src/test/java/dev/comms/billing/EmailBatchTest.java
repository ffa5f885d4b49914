package dev.comms.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.BulkResult;
import dev.comms.Comms;
import dev.comms.Email;
import dev.comms.EmailReceipt;
import dev.comms.ErrorCode;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.SendOptions;
import dev.comms.testkit.FakeProvider;
import dev.comms.testkit.Outcome;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Email batches through the provider's batch API, each email metered and idempotent on its own. */
class EmailBatchTest {
    final InMemoryLedger ledger = new InMemoryLedger();
    final FakeProvider fake = new FakeProvider();

    Comms comms() {
        return Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE)
                .property("comms.account", "acme").property("comms.email.from", "billing@example.com")
                .property("comms.maintenance.interval", "0").creditMeter(new LedgerCreditMeter(ledger)).build();
    }

    static List<Email> invoices(int n) {
        List<Email> out = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            out.add(Email.to("customer" + i + "@example.com").subject("Invoice " + i).text("Your invoice " + i).build());
        }
        return out;
    }

    Balance balance() {
        return ledger.balance("acme", Mode.LIVE);
    }

    @Test
    void aHalfFundedBatchGoesOutInBatchRequestsAndChargesEachEmailOnce() {
        ledger.credit("acme", Mode.LIVE, Money.ofPence(30), "fund", EntryKind.TOP_UP); // 200 emails at 0.15p
        BulkResult<EmailReceipt> r;
        try (Comms comms = comms()) {
            r = comms.email().sendBatch(invoices(250), SendOptions.idempotencyKey("invoices-12"));
            int requests = fake.email().requests();
            BulkResult<EmailReceipt> again = comms.email().sendBatch(invoices(250), SendOptions.idempotencyKey("invoices-12"));
            System.out.println("email_batch emails=250 funded_for=200 sent=" + r.sent() + " failed=" + r.failed() + " batch_requests="
                    + requests + " retry_sent=" + again.sent() + " retry_new_requests=" + (fake.email().requests() - requests)
                    + " charged=" + balance().debited().format());
            assertThat(again.sent()).isEqualTo(200); // replayed, not re-sent
            assertThat(fake.email().requests()).isEqualTo(requests);
        }
        assertThat(r.sent()).isEqualTo(200);
        assertThat(r.failures().values()).allMatch(e -> e.code() == ErrorCode.INSUFFICIENT_CREDITS).hasSize(50);
        assertThat(fake.email().requests()).isEqualTo(2); // two batch requests of 100, the last 50 never reached the provider
        assertThat(fake.email().sent()).hasSize(200);
        assertThat(balance().debited()).isEqualTo(Money.ofPence(30));
        assertThat(balance().held()).isEqualTo(Money.ZERO);
    }

    @Test
    void aBatchRequestThatSentNothingIsRetriedEmailByEmail() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "fund", EntryKind.TOP_UP);
        fake.email().enqueue(Outcome.unavailable()); // the batch request: 503, nothing sent
        BulkResult<EmailReceipt> r;
        try (Comms comms = comms()) {
            r = comms.email().sendBatch(invoices(20), SendOptions.NONE);
        }
        assertThat(r.sent()).isEqualTo(20);
        assertThat(fake.email().requests()).isEqualTo(1 + 20);
        assertThat(fake.email().sent()).hasSize(20);
        assertThat(balance().debited()).isEqualTo(Money.parse("0.15").times(20));
    }

    @Test
    void anAmbiguousBatchLeavesEveryEmailUnknownNeverResentAndReconciliationChargesThem() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "fund", EntryKind.TOP_UP);
        fake.email().enqueue(Outcome.ambiguous()); // accepted, answer lost
        BulkResult<EmailReceipt> r;
        try (Comms comms = comms()) {
            r = comms.email().sendBatch(invoices(10), SendOptions.idempotencyKey("inv-amb"));
            assertThat(r.failures().values()).allMatch(e -> e.code() == ErrorCode.DELIVERY_UNKNOWN).hasSize(10);
            assertThat(fake.email().requests()).isEqualTo(1); // never sent again one by one
            assertThat(balance().held()).isEqualTo(Money.parse("0.15").times(10));
            var report = comms.reconcile();
            System.out.println("email_batch_ambiguous emails=10 requests=" + fake.email().requests() + " reconciled_sent=" + report.sent()
                    + " charged=" + balance().debited().format());
            assertThat(report.sent()).isEqualTo(10);
        }
        assertThat(fake.email().sent()).hasSize(10);
        assertThat(balance().debited()).isEqualTo(Money.parse("0.15").times(10));
        assertThat(balance().held()).isEqualTo(Money.ZERO);
    }
}
