package dev.comms.billing;

import static dev.comms.testkit.assertj.CommsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.BillingEvent;
import dev.comms.CallReceipt;
import dev.comms.Comms;
import dev.comms.CommsException;
import dev.comms.CommsListener;
import dev.comms.ErrorCode;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.ProviderException;
import dev.comms.ReconcileReport;
import dev.comms.SendOptions;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.VoiceCall;
import dev.comms.testkit.FakeClock;
import dev.comms.testkit.FakeProvider;
import dev.comms.testkit.FakeSleeper;
import dev.comms.testkit.Outcome;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * A send's money through every failure the send-state issue found, on the real pipeline, the fakes
 * and the in-memory ledger: each test asserts the error code, the provider calls and the ledger (held,
 * available, journal) to the micro-penny.
 */
class SendStateLedgerTest {
    final FakeClock clock = new FakeClock();
    final InMemoryLedger ledger = new InMemoryLedger(clock);
    final FakeProvider fake = new FakeProvider();
    final List<BillingEvent> events = new CopyOnWriteArrayList<>();
    final LedgerCreditMeter meter = LedgerCreditMeter.builder(ledger).clock(clock).build();

    Comms comms() {
        return Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE).clock(clock)
                .sleeper(new FakeSleeper(clock)).property("comms.sms.from", "Acme").property("comms.voice.from", "+14155552671")
                .property("comms.account", "acme").property("comms.maintenance.interval", "0").listener(new CommsListener() {
                    @Override
                    public void onBilling(BillingEvent event) {
                        events.add(event);
                    }
                }).creditMeter(meter).build();
    }

    Balance balance() {
        return ledger.balance("acme", Mode.LIVE);
    }

    static Sms sms(String body) {
        return Sms.to("+447123456789").body(body).build();
    }

    private static void line(String s) {
        System.out.println(s);
    }

    private long charges() {
        return ledger.journal("acme", Mode.LIVE).stream().filter(e -> e.kind() == EntryKind.CHARGE).count();
    }

    @Test
    void anAcceptedMessageWhoseRetriesFailedIsHeldAsUnknownAndReconciledToOneCharge() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "seed", EntryKind.GRANT);
        fake.sms().enqueue(Outcome.ambiguous(), Outcome.unavailable(), Outcome.unavailable());
        try (Comms comms = comms()) {
            assertThatThrownBy(() -> comms.sms().send(sms("Your code is 1234"), SendOptions.idempotencyKey("otp-1")))
                    .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DELIVERY_UNKNOWN));
            assertThat(fake.sms()).hasReceivedRequests(3).hasSent(1);
            assertThat(balance().held()).isEqualTo(Money.ofPence(3));
            assertThat(ledger.unknownHolds(10)).hasSize(1);
            ReconcileReport r = comms.reconcile();
            line("unknown_then_reconciled provider_requests=" + fake.sms().requests() + " sent=" + fake.sms().sent().size()
                    + " report=" + r + " charged=" + balance().debited().format() + " held=" + balance().held().format());
            assertThat(r.sent()).isEqualTo(1);
        }
        assertThat(balance().debited()).isEqualTo(Money.ofPence(3));
        assertThat(balance().held()).isEqualTo(Money.ZERO);
        assertThat(balance().available()).isEqualTo(Money.ofPence(97));
        assertThat(charges()).isEqualTo(1);
        assertThat(events).extracting(BillingEvent::kind).containsExactly(BillingEvent.Kind.RECONCILED_SENT);
    }

    @Test
    void aLostRequestIsReconciledAsNotSentAndReleased() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "seed", EntryKind.GRANT);
        fake.sms().enqueue(Outcome.lost(), Outcome.unavailable(), Outcome.unavailable());
        try (Comms comms = comms()) {
            assertThatThrownBy(() -> comms.sms().send(sms("hi"))).isInstanceOfSatisfying(ProviderException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DELIVERY_UNKNOWN));
            assertThat(comms.reconcile().notSent()).isEqualTo(1);
        }
        assertThat(fake.sms()).hasSent(0);
        assertThat(balance().available()).isEqualTo(Money.ofPounds(1));
        assertThat(balance().held()).isEqualTo(Money.ZERO);
        assertThat(charges()).isZero();
    }

    @Test
    void anUnknownOutcomeNobodyCanAnswerIsChargedAtLeaseEndAndReported() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "seed", EntryKind.GRANT);
        fake.sms().answerLookups(false);
        fake.sms().enqueue(Outcome.ambiguous(), Outcome.unavailable(), Outcome.unavailable());
        try (Comms comms = comms()) {
            assertThatThrownBy(() -> comms.sms().send(sms("hi"))).isInstanceOf(ProviderException.class);
            assertThat(comms.reconcile().stillUnknown()).isEqualTo(1);
            assertThat(balance().held()).isEqualTo(Money.ofPence(3));
            clock.advance(Duration.ofMinutes(30));
            comms.reconcile();
            assertThat(balance().held()).as("the reconciler still has time").isEqualTo(Money.ofPence(3));
            clock.advance(Duration.ofMinutes(31)); // past the hour an unknown outcome is kept for lookups
            ReconcileReport r = comms.reconcile();
            line("unknown_at_lease_end report=" + r + " events=" + events.stream().map(BillingEvent::kind).toList());
        }
        // never silently released: committed and reported
        assertThat(balance().debited()).isEqualTo(Money.ofPence(3));
        assertThat(balance().held()).isEqualTo(Money.ZERO);
        assertThat(events).extracting(BillingEvent::kind).containsExactly(BillingEvent.Kind.UNKNOWN_OUTCOME_CHARGED);
    }

    @Test
    void aCrashedInFlightHoldIsStillReleasedAtLeaseEnd() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "seed", EntryKind.GRANT);
        Hold h = ledger.reserve(new HoldRequest("acme", Mode.LIVE, "k", "fp", dev.comms.Channel.SMS, Money.ofPence(3), Duration.ofMinutes(2)));
        clock.advance(Duration.ofMinutes(3));
        assertThat(meter.maintain()).isEqualTo(1);
        assertThat(ledger.hold(h.id()).orElseThrow().state()).isEqualTo(HoldState.EXPIRED);
        assertThat(balance().available()).isEqualTo(Money.ofPounds(1));
    }

    @Test
    void aVoiceHoldOutlivesALongCallAndTheExcessIsChargedFromTheBalance() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(5), "seed", EntryKind.GRANT);
        try (Comms comms = comms()) {
            CallReceipt call = comms.voice().send(VoiceCall.to("+447123456789").say("Hello").build());
            assertThat(call.billing().holdId()).isNotEmpty();
            assertThat(balance().held()).isEqualTo(Money.ofPence(70));
            clock.advance(Duration.ofMinutes(90)); // the call is still talking; the sweeper runs
            comms.reconcile();
            assertThat(balance().held()).isEqualTo(Money.ofPence(70)); // not expired: the lease covers the call
            var billing = comms.voice().settle(call, Duration.ofMinutes(25)); // 25 minutes at 7p = 175p, hold was 70p
            line("long_call held=70p minutes=25 charged=" + billing.cost().format() + " available=" + balance().available().format());
            assertThat(billing.cost()).isEqualTo(Money.ofPence(175));
        }
        assertThat(balance().available()).isEqualTo(Money.ofPence(500 - 175));
        assertThat(balance().held()).isEqualTo(Money.ZERO);
        assertThat(balance().gap()).isEqualTo(Money.ZERO);
        assertThat(events).isEmpty();
    }

    @Test
    void whatALongCallCannotPayIsRecordedUnbilledAndReportedNeverDropped() {
        ledger.credit("acme", Mode.LIVE, Money.ofPence(100), "seed", EntryKind.GRANT);
        try (Comms comms = comms()) {
            CallReceipt call = comms.voice().send(VoiceCall.to("+447123456789").say("Hello").build());
            var billing = comms.voice().settle(call, Duration.ofMinutes(25)); // 175p wanted, 100p available in total
            assertThat(billing.cost()).isEqualTo(Money.ofPence(100));
        }
        assertThat(balance().available()).isEqualTo(Money.ZERO);
        assertThat(ledger.journal("acme", Mode.LIVE)).filteredOn(e -> e.kind() == EntryKind.UNBILLED)
                .singleElement().satisfies(e -> assertThat(e.amount()).isEqualTo(Money.ofPence(75)));
        assertThat(events).singleElement().satisfies(e -> {
            assertThat(e.kind()).isEqualTo(BillingEvent.Kind.UNBILLED);
            assertThat(e.amount()).isEqualTo(Money.ofPence(75));
        });
    }

    @Test
    void aKeyRefusedBeforeAnyProviderCallCanBeUsedAgain() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "seed", EntryKind.GRANT);
        try (Comms comms = comms()) {
            // open the fake's circuit: five failed attempts in a row (3 + 2 over two sends, not sent)
            fake.sms().enqueue(5, Outcome.unavailable());
            for (int i = 0; i < 2; i++) {
                assertThatThrownBy(() -> comms.sms().send(sms("warm-up"))).isInstanceOf(ProviderException.class);
            }
            int before = fake.sms().requests();
            assertThatThrownBy(() -> comms.sms().send(sms("order 7"), SendOptions.idempotencyKey("order-7")))
                    .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
            assertThat(fake.sms().requests()).isEqualTo(before); // nothing reached the provider
            assertThat(balance().held()).isEqualTo(Money.ZERO);
            clock.advance(Duration.ofSeconds(31)); // half-open: one trial
            SmsReceipt r = comms.sms().send(sms("order 7"), SendOptions.idempotencyKey("order-7"));
            line("key_after_refusal retry=" + r.billing().state() + " charged=" + balance().debited().format());
        }
        assertThat(fake.sms()).hasSent(1);
        assertThat(balance().debited()).isEqualTo(Money.ofPence(3));
        assertThat(charges()).isEqualTo(1);
    }

    @Test
    void aDifferentRequestUnderAHeldKeyIsStillAConflict() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "seed", EntryKind.GRANT);
        ledger.reserve(new HoldRequest("acme", Mode.LIVE, "order-8", "other-fingerprint", dev.comms.Channel.SMS, Money.ofPence(3),
                Duration.ofMinutes(5)));
        try (Comms comms = comms()) {
            assertThatThrownBy(() -> comms.sms().send(sms("order 8"), SendOptions.idempotencyKey("order-8")))
                    .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT));
        }
        assertThat(fake.sms()).hasReceivedRequests(0);
    }

    /** A provider whose SMS channel refuses an input before sending (as OkHttp refuses a header it cannot write). */
    static final class InputRefusing implements dev.comms.spi.CommsProvider {
        final java.util.concurrent.atomic.AtomicInteger calls = new java.util.concurrent.atomic.AtomicInteger();

        @Override
        public String id() {
            return "strict";
        }

        @Override
        public java.util.Set<dev.comms.Channel> channels() {
            return java.util.EnumSet.of(dev.comms.Channel.SMS);
        }

        @Override
        public dev.comms.spi.SmsSender smsSender(dev.comms.spi.ProviderContext context) {
            return new dev.comms.spi.SmsSender() {
                @Override
                public String id() {
                    return "strict";
                }

                @Override
                public java.util.Set<dev.comms.spi.Capability> capabilities() {
                    return java.util.EnumSet.allOf(dev.comms.spi.Capability.class);
                }

                @Override
                public dev.comms.spi.SmsResult send(Sms sms, dev.comms.spi.SendContext ctx) {
                    calls.incrementAndGet();
                    if (sms.body().contains("bad")) {
                        throw new dev.comms.InvalidMessageException(ErrorCode.INVALID_MESSAGE, "body", "the provider refuses this body",
                                dev.comms.Channel.SMS);
                    }
                    return new dev.comms.spi.SmsResult("SMstrict" + calls.get(), dev.comms.DeliveryStatus.QUEUED, 1);
                }
            };
        }
    }

    @Test
    void aProviderRefusingInputBeforeSendingHoldsNothingAndKeepsTheKeyFree() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "seed", EntryKind.GRANT);
        InputRefusing strict = new InputRefusing();
        try (Comms comms = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(strict).mode(Mode.LIVE).clock(clock)
                .sleeper(new FakeSleeper(clock)).property("comms.sms.from", "Acme").property("comms.account", "acme")
                .property("comms.maintenance.interval", "0").creditMeter(meter).build()) {
            for (int i = 0; i < 8; i++) {
                assertThatThrownBy(() -> comms.sms().send(sms("bad body"), SendOptions.idempotencyKey("order-9")))
                        .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE));
            }
            assertThat(balance().held()).isEqualTo(Money.ZERO);
            assertThat(balance().available()).isEqualTo(Money.ofPounds(1));
            // the key is free: a corrected request with it sends and is charged once
            SmsReceipt r = comms.sms().send(sms("good body"), SendOptions.idempotencyKey("order-9-fixed"));
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(comms.health().channels().stream().filter(c -> c.channel() == dev.comms.Channel.SMS).findFirst().orElseThrow()
                    .providers().get(0).circuit()).isEqualTo("closed");
        }
        assertThat(strict.calls.get()).isEqualTo(9); // one attempt each: an input error is not retried
        assertThat(balance().debited()).isEqualTo(Money.ofPence(3));
        assertThat(charges()).isEqualTo(1);
    }

    @Test
    void aListenerThrowingACheckedExceptionLeavesTheChargeAndTheKeyIntact() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "seed", EntryKind.GRANT);
        CommsListener sneaky = new CommsListener() {
            @Override
            public void onSent(dev.comms.Receipt receipt) {
                SendStateLedgerTest.<RuntimeException>sneakyThrow(new java.io.IOException("audit log unavailable"));
            }
        };
        try (Comms comms = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE).clock(clock)
                .sleeper(new FakeSleeper(clock)).property("comms.sms.from", "Acme").property("comms.account", "acme")
                .property("comms.maintenance.interval", "0").listener(sneaky).creditMeter(meter).build()) {
            SmsReceipt r = comms.sms().send(sms("hello"), SendOptions.idempotencyKey("k-7"));
            assertThat(comms.sms().send(sms("hello"), SendOptions.idempotencyKey("k-7")).id()).isEqualTo(r.id());
        }
        assertThat(fake.sms()).hasReceivedRequests(1);
        assertThat(balance().debited()).isEqualTo(Money.ofPence(3));
        assertThat(balance().held()).isEqualTo(Money.ZERO);
    }

    @SuppressWarnings("unchecked")
    private static <T extends Throwable> void sneakyThrow(Throwable t) throws T {
        throw (T) t;
    }

    @Test
    void resolvedHoldsArePurgedAfterRetentionSoMemoryStaysBounded() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1_000), "seed", EntryKind.GRANT);
        try (Comms comms = comms()) {
            for (int i = 0; i < 5_000; i++) {
                comms.sms().send(sms("n" + i));
            }
            assertThat(ledger.holdCount()).isEqualTo(5_000);
            comms.reconcile();
            assertThat(ledger.holdCount()).isEqualTo(5_000); // inside the retention
            clock.advance(Duration.ofHours(25));
            comms.reconcile();
            line("retention holds_before=5000 holds_after=" + ledger.holdCount() + " journal=" + ledger.journal("acme", Mode.LIVE).size());
        }
        assertThat(ledger.holdCount()).isZero();
        assertThat(charges()).isEqualTo(5_000); // the journal is kept
        assertThat(balance().debited()).isEqualTo(Money.ofPence(15_000));
    }
}
