package dev.comms.billing;

import static dev.comms.testkit.assertj.CommsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.CallReceipt;
import dev.comms.Comms;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.ProviderException;
import dev.comms.SendOptions;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.VoiceCall;
import dev.comms.event.EventStatus;
import dev.comms.event.WebhookOutcome;
import dev.comms.event.WebhookRequest;
import dev.comms.testkit.FakeClock;
import dev.comms.testkit.FakeProvider;
import dev.comms.testkit.FakeSleeper;
import dev.comms.testkit.MagicRecipients;
import dev.comms.testkit.Outcome;
import dev.comms.testkit.RecordingEvents;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Delivery events through the facade on the fakes: verified, processed once, never backwards, acting on holds. */
class EventsTest {
    final FakeClock clock = new FakeClock();
    final InMemoryLedger ledger = new InMemoryLedger(clock);
    final FakeProvider fake = new FakeProvider();
    final RecordingEvents events = new RecordingEvents();

    Comms comms() {
        return Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE).clock(clock)
                .sleeper(new FakeSleeper(clock)).property("comms.sms.from", "Acme").property("comms.voice.from", "+14155552671")
                .property("comms.account", "acme").property("comms.maintenance.interval", "0").listener(events)
                .creditMeter(LedgerCreditMeter.builder(ledger).clock(clock).build()).build();
    }

    Balance balance() {
        return ledger.balance("acme", Mode.LIVE);
    }

    @Test
    void aCompletedCallsWebhookSettlesItsHoldByTheMinute() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "fund", EntryKind.TOP_UP);
        try (Comms comms = comms()) {
            CallReceipt call = comms.voice().send(VoiceCall.to("+447123456789").say("Your table is ready").build());
            assertThat(balance().held()).isEqualTo(Money.ofPence(70));
            WebhookOutcome o = comms.events().handle("fake", fake.webhooks().callCompleted(call, Duration.ofSeconds(61)));
            System.out.println("event_call_completed status=" + o.status() + " processed=" + o.processed().size() + " charged="
                    + balance().debited().format() + " available=" + balance().available().format() + " held=" + balance().held().format());
            assertThat(o.status()).isEqualTo(200);
            assertThat(events).hasCompleted(call);
            assertThat(comms.events().status(call.id())).contains(EventStatus.CALL_COMPLETED);
        }
        assertThat(balance().debited()).isEqualTo(Money.ofPence(14));
        assertThat(balance().available()).isEqualTo(Money.ofPence(86));
        assertThat(balance().held()).isEqualTo(Money.ZERO);
        assertThat(balance().gap()).isEqualTo(Money.ZERO);
    }

    @Test
    void aCallNobodyAnsweredReturnsItsHold() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "fund", EntryKind.TOP_UP);
        try (Comms comms = comms()) {
            CallReceipt call = comms.voice().send(VoiceCall.to(MagicRecipients.NO_ANSWER).say("Hello").build());
            assertThat(comms.events().handle("fake", fake.webhooks().forOutcome(call)).status()).isEqualTo(200);
        }
        assertThat(balance().available()).isEqualTo(Money.ofPounds(1));
        assertThat(balance().debited()).isEqualTo(Money.ZERO);
    }

    @Test
    void aBadSignatureIs401AndChangesNothing() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "fund", EntryKind.TOP_UP);
        try (Comms comms = comms()) {
            CallReceipt call = comms.voice().send(VoiceCall.to("+447123456789").say("Hello").build());
            WebhookRequest good = fake.webhooks().callCompleted(call, Duration.ofSeconds(61));
            byte[] body = good.body();
            body[body.length - 3] ^= 1;
            WebhookOutcome o = comms.events().handle("fake", new WebhookRequest("POST", good.url(), good.headers(), body));
            assertThat(o.status()).isEqualTo(401);
            assertThat(o.reason()).contains("signature");
            assertThat(comms.events().handle("twilio", good).status()).isEqualTo(404);
            clock.advance(Duration.ofSeconds(301));
            assertThat(comms.events().handle("fake", good).status()).as("too old").isEqualTo(401);
        }
        assertThat(balance().held()).isEqualTo(Money.ofPence(70));
        assertThat(events.events()).isEmpty();
    }

    @Test
    void theSameEventDeliveredAHundredTimesAtOnceIsProcessedOnce() throws Exception {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "fund", EntryKind.TOP_UP);
        CallReceipt call;
        try (Comms comms = comms()) {
            call = comms.voice().send(VoiceCall.to("+447123456789").say("Hello").build());
            WebhookRequest w = fake.webhooks().callCompleted(call, Duration.ofSeconds(61));
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<WebhookOutcome>> f = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                f.add(pool.submit(() -> {
                    go.await();
                    return comms.events().handle("fake", w);
                }));
            }
            go.countDown();
            int processed = 0;
            int duplicates = 0;
            for (Future<WebhookOutcome> x : f) {
                WebhookOutcome o = x.get(30, TimeUnit.SECONDS);
                assertThat(o.status()).isEqualTo(200);
                processed += o.processed().size();
                duplicates += o.duplicates();
            }
            pool.shutdown();
            System.out.println("event_storm deliveries=100 processed=" + processed + " duplicates=" + duplicates + " charged="
                    + balance().debited().format());
            assertThat(processed).isEqualTo(1);
            assertThat(duplicates).isEqualTo(99);
        }
        assertThat(events).hasEventsFor(call, 1);
        assertThat(balance().debited()).isEqualTo(Money.ofPence(14));
    }

    @Test
    void aLateSentAfterDeliveredNeverMovesTheMessageBack() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "fund", EntryKind.TOP_UP);
        try (Comms comms = comms()) {
            SmsReceipt sms = comms.forAccount("acme", Mode.LIVE).sms().send(Sms.to("+447123456789").body("hi").build());
            assertThat(comms.events().handle("fake", fake.webhooks().delivered(sms)).processed()).hasSize(1);
            WebhookOutcome late = comms.events().handle("fake", fake.webhooks().event(sms, EventStatus.SMS_SENT, null, ""));
            assertThat(late.ignored()).isEqualTo(1);
            assertThat(late.processed()).isEmpty();
            assertThat(comms.events().status(sms.id())).contains(EventStatus.SMS_DELIVERED);
            assertThat(events).hasDelivered(sms).hasEventsFor(sms, 1);
        }
    }

    @Test
    void anAmbiguousSmsReportedDeliveredIsCommittedOnceAndOneReportedFailedIsReleased() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "fund", EntryKind.TOP_UP);
        try (Comms comms = comms()) {
            fake.sms().answerLookups(false); // only the webhook can tell
            fake.sms().enqueue(Outcome.ambiguous(), Outcome.unavailable(), Outcome.unavailable());
            assertThatThrownBy(() -> comms.sms().send(Sms.to("+447123456789").body("delivered later").build(), SendOptions.idempotencyKey("a1")))
                    .isInstanceOf(ProviderException.class);
            SmsReceipt seen = fakeReceipt(comms, "a1");
            comms.events().handle("fake", fake.webhooks().delivered(seen));
            comms.events().handle("fake", fake.webhooks().delivered(seen)); // a second report of the same delivery
            assertThat(balance().debited()).isEqualTo(Money.ofPence(3));

            fake.sms().enqueue(Outcome.lost(), Outcome.unavailable(), Outcome.unavailable());
            assertThatThrownBy(() -> comms.sms().send(Sms.to("+447123456789").body("never sent").build(), SendOptions.idempotencyKey("a2")))
                    .isInstanceOf(ProviderException.class);
            comms.events().handle("fake", fake.webhooks().failed(fakeReceipt(comms, "a2")));
        }
        System.out.println("event_unknown_outcomes delivered=committed_once failed=released charged=" + balance().debited().format()
                + " held=" + balance().held().format());
        assertThat(balance().debited()).isEqualTo(Money.ofPence(3));
        assertThat(balance().held()).isEqualTo(Money.ZERO);
        assertThat(balance().available()).isEqualTo(Money.ofPence(97));
        assertThat(ledger.journal("acme", Mode.LIVE).stream().filter(e -> e.kind() == EntryKind.CHARGE).count()).isEqualTo(1);
    }

    @Test
    void aWebhookThatArrivesWhileTheLedgerIsAwayIs503AndItsRetryStillSettlesTheCall() {
        ledger.credit("acme", Mode.LIVE, Money.ofPounds(1), "fund", EntryKind.TOP_UP);
        java.util.concurrent.atomic.AtomicBoolean away = new java.util.concurrent.atomic.AtomicBoolean();
        Ledger flaky = (Ledger) java.lang.reflect.Proxy.newProxyInstance(Ledger.class.getClassLoader(), new Class<?>[] {Ledger.class},
                (proxy, method, args) -> {
                    if (away.get()) {
                        throw new LedgerUnavailableException("the database is away", null);
                    }
                    try {
                        return method.invoke(ledger, args);
                    } catch (java.lang.reflect.InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
        try (Comms comms = Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE).clock(clock)
                .sleeper(new FakeSleeper(clock)).property("comms.voice.from", "+14155552671").property("comms.account", "acme")
                .property("comms.maintenance.interval", "0").listener(events)
                .creditMeter(LedgerCreditMeter.builder(flaky).clock(clock).build()).build()) {
            CallReceipt call = comms.voice().send(VoiceCall.to("+447123456789").say("Your table is ready").build());
            WebhookRequest completed = fake.webhooks().callCompleted(call, Duration.ofSeconds(61));
            away.set(true);
            WebhookOutcome during = comms.events().handle("fake", completed);
            java.util.Optional<EventStatus> whileAway = comms.events().status(call.id());
            away.set(false);
            WebhookOutcome retry = comms.events().handle("fake", completed);
            System.out.println("event_ledger_away during=" + during.status() + " retry=" + retry.status() + "/processed="
                    + retry.processed().size() + " charged=" + balance().debited().format() + " held=" + balance().held().format());
            assertThat(during.status()).isEqualTo(503);
            assertThat(during.reason()).contains("nothing was recorded");
            assertThat(whileAway).as("nothing recorded while away").isEmpty();
            assertThat(retry.status()).isEqualTo(200);
            assertThat(retry.processed()).as("the retry is not taken for a duplicate").hasSize(1);
            assertThat(events).hasEventsFor(call, 1);
        }
        assertThat(balance().debited()).isEqualTo(Money.ofPence(14));
        assertThat(balance().held()).isEqualTo(Money.ZERO);
    }

    /** The receipt-like view of an ambiguous send, as its status callback would identify it: message id and hold. */
    private SmsReceipt fakeReceipt(Comms comms, String key) {
        Hold h = ledger.holdByKey("acme", Mode.LIVE, key).orElseThrow();
        return new SmsReceipt(h.sendId(), "acme", Mode.LIVE, "fake", "", dev.comms.DeliveryStatus.QUEUED, 1,
                dev.comms.Billing.held(h.amount(), Money.ZERO, Long.toString(h.id())), clock.instant(), "+447123456789",
                dev.comms.SmsSegments.of("x"));
    }
}
