package dev.comms.billing;

import static dev.comms.testkit.assertj.CommsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.ChatRequest;
import dev.comms.Comms;
import dev.comms.Email;
import dev.comms.InsufficientCreditsException;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.VoiceCall;
import dev.comms.spi.Usage;
import dev.comms.testkit.FakeClock;
import dev.comms.testkit.FakeProvider;
import dev.comms.testkit.FakeSleeper;
import dev.comms.testkit.Outcome;
import dev.comms.testkit.Sent;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.Test;

/** The credit meter in the real facade pipeline, on the fakes. */
class MeteredSendTest {
    final FakeClock clock = new FakeClock();
    final InMemoryLedger ledger = new InMemoryLedger(clock);
    final Credits credits = new Credits(ledger);
    final FakeProvider fake = new FakeProvider();

    Comms comms(Mode mode) {
        return Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(mode).clock(clock)
                .sleeper(new FakeSleeper(clock)).property("comms.sms.from", "Acme").property("comms.email.from", "a@example.com")
                .property("comms.voice.from", "+14155552671").property("comms.account", "acme")
                .creditMeter(new LedgerCreditMeter(ledger)).build();
    }

    @Test
    void insufficientCreditsNeverReachTheProvider() {
        ledger.credit("acme", Mode.LIVE, Money.ofPence(50), "seed", EntryKind.GRANT);
        try (Comms comms = comms(Mode.LIVE)) {
            // 70p: a voice call held for the default 10 minutes at 7p
            assertThatThrownBy(() -> comms.voice().send(VoiceCall.to("+447123456789").say("Hello").build()))
                    .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> {
                        assertThat(e.getMessage()).isEqualTo("Insufficient credits. You have 50p but need 70p.");
                        assertThat(e.status()).isEqualTo(402);
                    });
        }
        assertThat(fake.voice()).hasReceivedRequests(0);
        assertThat(ledger.balance("acme", Mode.LIVE).available()).isEqualTo(Money.ofPence(50));
        assertThat(ledger.balance("acme", Mode.LIVE).held()).isEqualTo(Money.ZERO);
    }

    @Test
    void receiptsCarryCostAndBalance() {
        credits.topUp("acme", Mode.LIVE, Money.ofPounds(5), "pay-1");
        try (Comms comms = comms(Mode.LIVE)) {
            SmsReceipt r = comms.sms().send(Sms.to("+447123456789").body("a".repeat(161)).build());
            assertThat(r.billing().metered()).isTrue();
            assertThat(r.billing().cost()).isEqualTo(Money.ofPence(6));
            assertThat(r.billing().balance()).isEqualTo(Money.ofPence(494));
            var email = comms.email().send(Email.builder().to("x@example.com", "y@example.com").cc("z@example.com")
                    .subject("s").text("t").build());
            assertThat(email.billing().cost()).isEqualTo(Money.parse("0.45"));
        }
    }

    @Test
    void failedSendsAreReleased() {
        credits.topUp("acme", Mode.LIVE, Money.ofPounds(5), "pay-1");
        try (Comms comms = comms(Mode.LIVE)) {
            fake.sms().enqueue(Outcome.permanent());
            assertThatThrownBy(() -> comms.sms().send(Sms.to("+447123456789").body("x").build()));
        }
        assertThat(ledger.balance("acme", Mode.LIVE).available()).isEqualTo(Money.ofPounds(5));
        assertThat(ledger.balance("acme", Mode.LIVE).held()).isEqualTo(Money.ZERO);
    }

    @Test
    void testModeNeverTouchesTheLiveBalance() {
        credits.topUp("acme", Mode.LIVE, Money.ofPounds(5), "pay-1");
        credits.grant("acme", Mode.TEST, Money.ofPounds(5), "test-credit");
        Balance before = ledger.balance("acme", Mode.LIVE);
        try (Comms comms = comms(Mode.TEST)) {
            for (int i = 0; i < 20; i++) {
                comms.sms().send(Sms.to("+447123456789").body("test " + i).build());
            }
            comms.ai().send(ChatRequest.user("hi").build());
        }
        assertThat(ledger.balance("acme", Mode.LIVE)).isEqualTo(before);
        assertThat(ledger.balance("acme", Mode.TEST).debited()).isEqualTo(Money.ofPence(20 * 3 + 15));
    }

    @Test
    void lowBalanceFiresOncePerCrossing() {
        java.util.List<Money> alerts = new java.util.concurrent.CopyOnWriteArrayList<>();
        LowBalanceMonitor monitor = credits.onLowBalance(Money.ofPence(10), (a, m, available, t) -> alerts.add(available));
        credits.grant("acme", Mode.LIVE, Money.ofPence(18), "g1");
        try (Comms comms = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE)
                .property("comms.sms.from", "Acme").property("comms.account", "acme")
                .creditMeter(new LedgerCreditMeter(ledger, PriceSchedule.of(PriceBook.DEFAULT), clock, monitor)).build()) {
            for (int i = 0; i < 6; i++) {
                try {
                    comms.sms().send(Sms.to("+447123456789").body("x").build());
                } catch (InsufficientCreditsException e) {
                    // the sixth
                }
            }
            assertThat(alerts).hasSize(1);
            credits.grant("acme", Mode.LIVE, Money.ofPence(30), "g2");
            for (int i = 0; i < 10; i++) {
                try {
                    comms.sms().send(Sms.to("+447123456789").body("x").build());
                } catch (InsufficientCreditsException e) {
                    // runs out
                }
            }
        }
        assertThat(alerts).hasSize(2);
    }

    @Test
    void tenThousandMixedSendsChargeExactlyTheFakesUsage() {
        credits.grant("acme", Mode.LIVE, Money.ofPounds(10_000), "big");
        String[] bodies = {"Hi", "a".repeat(200), "Привет мир", "€".repeat(90), "😀".repeat(40)};
        int n = 10_000;
        try (Comms comms = comms(Mode.LIVE)) {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            for (int i = 0; i < n; i++) {
                switch (i % 4) {
                    case 0 -> comms.sms().send(Sms.to("+447123456789").body(bodies[r.nextInt(bodies.length)] + i).build());
                    case 1 -> comms.email().send(Email.builder().to("x@example.com").cc(r.nextBoolean() ? new String[] {"y@example.com"}
                            : new String[0]).subject("s").text("t").build());
                    case 2 -> comms.ai().send(ChatRequest.user("hello " + i).build());
                    default -> {
                        if (r.nextInt(10) == 0) {
                            fake.sms().enqueue(Outcome.permanent());
                            try {
                                comms.sms().send(Sms.to("+447123456789").body("fails").build());
                            } catch (RuntimeException e) {
                                // released, not charged
                            }
                        } else {
                            comms.sms().send(Sms.to("+447123456789").body("ok " + i).build());
                        }
                    }
                }
            }
        }
        // price the fakes' own logs
        Money expected = Money.ZERO;
        for (Sent<Sms> s : fake.sms().sent()) {
            expected = expected.plus(PriceBook.DEFAULT.cost(Usage.sms(dev.comms.SmsSegments.of(s.message().body()).segmentCount()), "GB"));
        }
        for (Sent<Email> s : fake.email().sent()) {
            expected = expected.plus(PriceBook.DEFAULT.cost(Usage.email(s.message().recipientCount()), "ZZ"));
        }
        expected = expected.plus(Money.ofPence(15).times(fake.ai().sent().size()));
        Balance b = ledger.balance("acme", Mode.LIVE);
        System.out.println("MeteredSendTest: sends=" + n + " sms=" + fake.sms().sent().size() + " email=" + fake.email().sent().size()
                + " ai=" + fake.ai().sent().size() + " charged=" + b.debited().format() + " expected=" + expected.format()
                + " gap=" + b.gap().microPence() + " held=" + b.held().microPence());
        assertThat(b.debited()).isEqualTo(expected);
        assertThat(b.held()).isEqualTo(Money.ZERO);
        assertThat(b.gap()).isEqualTo(Money.ZERO);
        assertThat(UsageReport.totals(ledger.journal("acme", Mode.LIVE)).stream().map(UsageReport.Row::total)
                .reduce(Money.ZERO, Money::plus)).isEqualTo(expected);
    }

    @Test
    void aSharedLedgerStopsASecondSendWithTheSameKeyFromAnotherFacade() {
        credits.grant("acme", Mode.LIVE, Money.ofPounds(1), "g");
        // two facades with their own idempotency stores, as two JVMs would have, on one ledger
        try (Comms first = comms(Mode.LIVE); Comms second = comms(Mode.LIVE)) {
            first.sms().send(Sms.to("+447123456789").body("once").build(), dev.comms.SendOptions.idempotencyKey("order-9"));
            assertThatThrownBy(() -> second.sms().send(Sms.to("+447123456789").body("once").build(),
                    dev.comms.SendOptions.idempotencyKey("order-9")))
                    .isInstanceOfSatisfying(dev.comms.IdempotencyException.class,
                            e -> assertThat(e.code()).isEqualTo(dev.comms.ErrorCode.IDEMPOTENCY_CONFLICT));
        }
        assertThat(fake.sms()).hasSent(1).hasReceivedRequests(1);
        assertThat(ledger.balance("acme", Mode.LIVE).debited()).isEqualTo(Money.ofPence(3));
    }

    @Test
    void lateVoiceSettleKeepsTheCountryMultiplier() {
        credits.grant("acme", Mode.LIVE, Money.ofPounds(5), "g");
        PriceBook prices = PriceBook.builder().voiceMultiplier("US", "2").build();
        try (Comms comms = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE)
                .property("comms.voice.from", "+14155552671").property("comms.account", "acme")
                .creditMeter(new LedgerCreditMeter(ledger, PriceSchedule.of(prices), clock, null)).build()) {
            var receipt = comms.voice().send(VoiceCall.to("4252337837", "US").say("Hello").build());
            assertThat(ledger.balance("acme", Mode.LIVE).held()).isEqualTo(Money.ofPence(140));
            assertThat(comms.voice().settle(receipt, Duration.ofSeconds(90)).cost()).isEqualTo(Money.ofPence(28));
        }
    }

    @Test
    void voiceSettlesTheAnsweredMinutes() {
        credits.grant("acme", Mode.LIVE, Money.ofPounds(1), "g");
        try (Comms comms = comms(Mode.LIVE)) {
            var receipt = comms.voice().send(VoiceCall.to("+447123456789").say("Hello").build());
            assertThat(ledger.balance("acme", Mode.LIVE).held()).isEqualTo(Money.ofPence(70));
            var billing = comms.voice().settle(receipt, Duration.ofSeconds(61));
            assertThat(billing.cost()).isEqualTo(Money.ofPence(14));
        }
        assertThat(ledger.balance("acme", Mode.LIVE).available()).isEqualTo(Money.ofPence(86));
        assertThat(ledger.balance("acme", Mode.LIVE).held()).isEqualTo(Money.ZERO);
    }
}
