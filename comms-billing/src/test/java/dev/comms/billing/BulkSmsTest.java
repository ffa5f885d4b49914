package dev.comms.billing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.Comms;
import dev.comms.ErrorCode;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.SendOptions;
import dev.comms.Sms;
import dev.comms.SmsBulkResult;
import dev.comms.testkit.FakeProvider;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** One SMS to 1,000 numbers on a half-funded account, with invalid numbers among them. */
class BulkSmsTest {
    @Test
    void aHalfFundedAccountSendsWhatItCanPayForAndNamesEveryFailure() {
        InMemoryLedger ledger = new InMemoryLedger();
        ledger.credit("acme", Mode.LIVE, Money.ofPence(3 * 600), "fund", EntryKind.TOP_UP); // 600 one-segment messages
        FakeProvider fake = new FakeProvider();
        List<String> numbers = new ArrayList<>();
        List<String> invalid = new ArrayList<>();
        for (int i = 0; i < 1_000; i++) {
            if (i % 20 == 7) {
                String bad = i % 40 == 7 ? "+1555" + String.format("%07d", i) : "12ab" + i; // area code 555 does not exist; letters
                invalid.add(bad);
                numbers.add(bad);
            } else {
                String n = String.format("447123%06d", 400_000 + i);
                numbers.add(i % 3 == 0 ? n : "+" + n); // Relatel style without + for some
            }
        }
        SmsBulkResult r;
        try (Comms comms = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE)
                .property("comms.account", "acme").property("comms.sms.from", "Acme").property("comms.maintenance.interval", "0")
                .creditMeter(new LedgerCreditMeter(ledger)).build()) {
            r = comms.sms().sendToMany(numbers, Sms.to("+447123456789").body("Doors open at 7").build(), SendOptions.idempotencyKey("event-42"));
            // the same batch again: every number that got it replays, nothing is sent or charged twice
            SmsBulkResult again = comms.sms().sendToMany(numbers, Sms.to("+447123456789").body("Doors open at 7").build(),
                    SendOptions.idempotencyKey("event-42"));
            assertThat(again.sent()).isEqualTo(600);
        }
        long insufficient = r.failedWith(ErrorCode.INSUFFICIENT_CREDITS);
        long invalidCount = r.failedWith(ErrorCode.INVALID_PHONE);
        Balance b = ledger.balance("acme", Mode.LIVE);
        System.out.println("bulk_sms numbers=1000 funded_for=600 sent=" + r.sent() + " failed=" + r.failed() + " (invalid=" + invalidCount
                + " insufficient=" + insufficient + ") provider_sends=" + fake.sms().sent().size() + " charged=" + b.debited().format()
                + " available=" + b.available().format() + " held=" + b.held().format());
        assertThat(r.sent()).isEqualTo(600);
        assertThat(r.failed()).isEqualTo(400);
        assertThat(invalidCount).isEqualTo(50);
        assertThat(insufficient).isEqualTo(350);
        assertThat(r.failedNumbers().entrySet().stream().filter(e -> e.getValue().code() == ErrorCode.INVALID_PHONE)
                .map(java.util.Map.Entry::getKey).collect(Collectors.toSet())).containsExactlyInAnyOrderElementsOf(invalid);
        assertThat(r.failedNumbers().get(invalid.get(0)).getMessage()).isNotBlank();
        assertThat(fake.sms().sent()).hasSize(600);
        assertThat(b.debited()).isEqualTo(Money.ofPence(3 * 600));
        assertThat(b.available()).isEqualTo(Money.ZERO);
        assertThat(b.held()).isEqualTo(Money.ZERO);
        assertThat(b.gap()).isEqualTo(Money.ZERO);
    }
}
