package dev.comms.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.Comms;
import dev.comms.CommsException;
import dev.comms.Email;
import dev.comms.ErrorCode;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.Sms;
import dev.comms.VoiceCall;
import dev.comms.billing.Credits;
import dev.comms.billing.InMemoryLedger;
import dev.comms.billing.LedgerCreditMeter;
import dev.comms.testkit.FakeClock;
import dev.comms.testkit.FakeProvider;
import dev.comms.testkit.FakeSleeper;
import dev.comms.testkit.MagicRecipients;
import dev.comms.testkit.Outcome;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistryAssert;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class CommsMetricsTest {
    private static final String TO = "+447123456789";

    private final FakeProvider fake = new FakeProvider();
    private final FakeClock clock = new FakeClock();
    private final MeterRegistry registry = new SimpleMeterRegistry();

    private Comms.Builder comms(CommsMetrics metrics) {
        return Comms.builder().autoDiscovery(false).ambientConfiguration(false).provider(fake).mode(Mode.LIVE).clock(clock)
                .sleeper(new FakeSleeper(clock)).property("comms.sms.from", "Acme").property("comms.email.from", "a@example.com")
                .property("comms.voice.from", "+14155552671").property("comms.account", "acme")
                .property("comms.maintenance.interval", "0").listener(metrics);
    }

    private double sends(String channel, String provider, String outcome, String error) {
        var c = registry.find(CommsMetrics.SENDS).tags("channel", channel, "provider", provider, "outcome", outcome, "error", error).counter();
        return c == null ? 0 : c.count();
    }

    @Test
    void countsSendsByChannelProviderOutcomeAndErrorCode() {
        try (Comms comms = comms(CommsMetrics.of(registry)).build()) {
            comms.sms().send(Sms.to(TO).body("Your code is 123456").build());
            comms.sms().send(Sms.to(TO).body("Again").build());
            comms.email().send(Email.to("ada@example.com").subject("Hi").text("Hello").build());
            Sms landline = Sms.to("+441234567890").body("x").build();   // valid, but fixed line: refused for SMS by the pipeline
            assertThatThrownBy(() -> comms.sms().send(landline))
                    .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PHONE));
            assertThatThrownBy(() -> comms.sms().send(Sms.to(MagicRecipients.PERMANENT_FAILURE).body("x").build()))
                    .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR));
        }
        assertThat(sends("sms", "fake", "sent", "none")).isEqualTo(2);
        assertThat(sends("email", "fake", "sent", "none")).isEqualTo(1);
        assertThat(sends("sms", "none", "failed", "INVALID_PHONE")).isEqualTo(1);
        assertThat(sends("sms", "fake", "failed", "PROVIDER_ERROR")).isEqualTo(1);
        assertThat(registry.find(CommsMetrics.SENDS).counters()).hasSize(4);
    }

    @Test
    void timesEveryProviderAttemptByOutcome() {
        fake.sms().enqueue(Outcome.unavailable(), Outcome.delay(java.time.Duration.ZERO));
        try (Comms comms = comms(CommsMetrics.of(registry)).build()) {
            comms.sms().send(Sms.to(TO).body("retried once").build());
        }
        var notSent = registry.get(CommsMetrics.ATTEMPTS).tags("channel", "sms", "provider", "fake", "outcome", "not_sent").timer();
        var success = registry.get(CommsMetrics.ATTEMPTS).tags("channel", "sms", "provider", "fake", "outcome", "success").timer();
        assertThat(notSent.count()).isEqualTo(1);
        assertThat(success.count()).isEqualTo(1);
        assertThat(success.totalTime(TimeUnit.NANOSECONDS)).isPositive();
        assertThat(sends("sms", "fake", "sent", "none")).isEqualTo(1);
    }

    @Test
    void recordsSegmentsPerSmsByEncoding() {
        try (Comms comms = comms(CommsMetrics.of(registry)).build()) {
            comms.sms().send(Sms.to(TO).body("a".repeat(161)).build());
            comms.sms().send(Sms.to(TO).body("a".repeat(10)).build());
            comms.sms().send(Sms.to(TO).body("Hi 👋").build());
        }
        var gsm = registry.get(CommsMetrics.SMS_SEGMENTS).tags("provider", "fake", "encoding", "gsm_7").summary();
        assertThat(gsm.count()).isEqualTo(2);
        assertThat(gsm.totalAmount()).isEqualTo(3);
        assertThat(gsm.max()).isEqualTo(2);
        assertThat(registry.get(CommsMetrics.SMS_SEGMENTS).tags("encoding", "ucs_2").summary().totalAmount()).isEqualTo(1);
    }

    @Test
    void countsCostInPenceByChannelAndModeButNotAVoiceHold() {
        InMemoryLedger ledger = new InMemoryLedger(clock);
        new Credits(ledger).grant("acme", Mode.LIVE, Money.ofPounds(5), "welcome");
        try (Comms comms = comms(CommsMetrics.of(registry)).creditMeter(new LedgerCreditMeter(ledger)).build()) {
            comms.sms().send(Sms.to(TO).body("a".repeat(161)).build());         // 2 segments: 6p
            comms.email().send(Email.to("ada@example.com").cc("bob@example.com").subject("Hi").text("Hello").build()); // 0.3p
            comms.voice().send(VoiceCall.to(TO).say("Hello").build());       // a hold, not a charge
        }
        assertThat(registry.get(CommsMetrics.COST).tags("channel", "sms", "mode", "live").counter().count()).isEqualTo(6.0);
        assertThat(registry.get(CommsMetrics.COST).tags("channel", "email", "mode", "live").counter().count()).isEqualTo(0.3);
        assertThat(registry.find(CommsMetrics.COST).tags("channel", "voice").counter()).isNull();
        assertThat(registry.get(CommsMetrics.COST).counter().getId().getBaseUnit()).isEqualTo("pence");
    }

    @Test
    void countsAReconciledSendAsCostAndABillingEvent() {
        InMemoryLedger ledger = new InMemoryLedger(clock);
        new Credits(ledger).grant("acme", Mode.LIVE, Money.ofPounds(5), "welcome");
        fake.sms().enqueue(Outcome.ambiguous(), Outcome.unavailable(), Outcome.unavailable());
        try (Comms comms = comms(CommsMetrics.of(registry)).creditMeter(new LedgerCreditMeter(ledger)).build()) {
            assertThatThrownBy(() -> comms.sms().send(Sms.to(TO).body("maybe").build()))
                    .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DELIVERY_UNKNOWN));
            assertThat(registry.find(CommsMetrics.COST).counter()).isNull();
            assertThat(comms.reconcile().sent()).isEqualTo(1);
        }
        assertThat(sends("sms", "fake", "failed", "DELIVERY_UNKNOWN")).isEqualTo(1);
        assertThat(registry.get(CommsMetrics.COST).tags("channel", "sms", "mode", "live").counter().count()).isEqualTo(3.0);
        assertThat(registry.get(CommsMetrics.BILLING_EVENTS).tags("kind", "reconciled_sent", "channel", "sms", "mode", "live")
                .counter().count()).isEqualTo(1);
    }

    @Test
    void neverTagsARecipientMessageIdOrAccountUnlessAsked() {
        List<String> ids = new ArrayList<>();
        InMemoryLedger ledger = new InMemoryLedger(clock);
        new Credits(ledger).grant("acme", Mode.LIVE, Money.ofPounds(5), "welcome");
        try (Comms comms = comms(CommsMetrics.of(registry)).creditMeter(new LedgerCreditMeter(ledger)).build()) {
            ids.add(comms.sms().send(Sms.to(TO).body("x").build()).id());
            ids.add(comms.email().send(Email.to("ada@example.com").subject("Hi").text("Hello").build()).id());
            assertThatThrownBy(() -> comms.sms().send(Sms.to(MagicRecipients.PERMANENT_FAILURE).body("x").build()));
        }
        List<String> values = new ArrayList<>();
        for (Meter m : registry.getMeters()) {
            m.getId().getTags().stream().map(Tag::getValue).forEach(values::add);
        }
        assertThat(values).isNotEmpty().doesNotContain("acme", "ada@example.com", TO, MagicRecipients.PERMANENT_FAILURE)
                .doesNotContainAnyElementsOf(ids);
        assertThat(registry.getMeters()).allSatisfy(m -> assertThat(m.getId().getTag("account")).isNull());
    }

    @Test
    void accountTagsWhenAskedAreBounded() {
        InMemoryLedger ledger = new InMemoryLedger(clock);
        Credits credits = new Credits(ledger);
        for (String a : List.of("acme", "beta", "gamma")) {
            credits.grant(a, Mode.LIVE, Money.ofPounds(5), "welcome-" + a);
        }
        try (Comms comms = comms(CommsMetrics.builder(registry).accountTags(2).build()).creditMeter(new LedgerCreditMeter(ledger)).build()) {
            for (String a : List.of("acme", "beta", "gamma", "acme")) {
                comms.forAccount(a).sms().send(Sms.to(TO).body("x").build());
            }
        }
        assertThat(registry.get(CommsMetrics.COST).tags("account", "acme").counter().count()).isEqualTo(6.0);
        assertThat(registry.get(CommsMetrics.COST).tags("account", "beta").counter().count()).isEqualTo(3.0);
        assertThat(registry.get(CommsMetrics.COST).tags("account", "other").counter().count()).isEqualTo(3.0);
        assertThat(registry.find(CommsMetrics.COST).tags("account", "gamma").counter()).isNull();
        assertThatThrownBy(() -> CommsMetrics.builder(registry).accountTags(0)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void makesOneObservationPerSendWhenGivenARegistry() {
        TestObservationRegistry observations = TestObservationRegistry.create();
        String id;
        try (Comms comms = comms(CommsMetrics.builder(registry).observations(observations).build()).build()) {
            id = comms.sms().send(Sms.to(TO).body("x").build()).id();
            assertThatThrownBy(() -> comms.sms().send(Sms.to(MagicRecipients.PERMANENT_FAILURE).body("x").build()));
        }
        TestObservationRegistryAssert.assertThat(observations).hasNumberOfObservationsWithNameEqualTo(CommsMetrics.OBSERVATION, 2)
                .hasAnObservation(o -> o.hasNameEqualTo(CommsMetrics.OBSERVATION)
                        .hasLowCardinalityKeyValue("comms.channel", "sms").hasLowCardinalityKeyValue("comms.outcome", "sent")
                        .hasHighCardinalityKeyValue("comms.message.id", id).doesNotHaveError())
                .hasAnObservation(o -> o.hasLowCardinalityKeyValue("comms.outcome", "failed")
                        .hasLowCardinalityKeyValue("comms.error", "PROVIDER_ERROR").hasError());
    }
}
