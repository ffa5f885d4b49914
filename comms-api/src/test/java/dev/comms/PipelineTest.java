package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.spi.Admission;
import dev.comms.spi.Capability;
import dev.comms.support.RecordingMeter;
import dev.comms.support.ScriptedProvider;
import dev.comms.support.VirtualTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The one pipeline: stage order, retries, failover, classification, idempotency, metering hooks. */
class PipelineTest {
    private final VirtualTime time = new VirtualTime();
    private final RecordingMeter meter = new RecordingMeter(1_000);

    private Comms.Builder builder(ScriptedProvider... providers) {
        Comms.Builder b = Comms.builder().ambientConfiguration(false).autoDiscovery(false).clock(time).sleeper(time)
                .creditMeter(meter).property("comms.email.from", "hello@example.org")
                .property("comms.voice.from", "+447123456780");
        for (ScriptedProvider p : providers) {
            b.provider(p);
        }
        return b;
    }

    private static Sms sms() {
        return Sms.to("+447123456789").body("hello").build();
    }

    private static ProviderException notSent(String provider) {
        return ProviderException.of(FailureClass.NOT_SENT, provider, "503 from stub").httpStatus(503).build();
    }

    private static ProviderException ambiguous(String provider) {
        return ProviderException.of(FailureClass.AMBIGUOUS, provider, "read timed out").build();
    }

    private static ProviderException permanent(String provider) {
        return ProviderException.of(FailureClass.PERMANENT, provider, "invalid To").providerCode("21211").httpStatus(400).build();
    }

    @Test
    void successReservesBeforeTheCallAndCommitsAfter() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        try (Comms comms = builder(p).build()) {
            SmsReceipt r = comms.sms().send(sms());
            assertThat(meter.log).containsExactly("reserve:sms:1", "commit");
            assertThat(r.attempts()).isEqualTo(1);
            assertThat(r.billing().metered()).isTrue();
            assertThat(r.billing().cost()).isEqualTo(Money.ofPence(1));
            assertThat(r.billing().balance()).isEqualTo(Money.ofPence(999));
            assertThat(r.segments().segmentCount()).isEqualTo(1);
            assertThat(r.to()).isEqualTo("+447123456789");
            assertThat(r.id()).startsWith("msg_").hasSize(30);
            assertThat(meter.requests.get(0).region()).isEqualTo("GB");
        }
    }

    @Test
    void notSentIsRetriedOnTheSameProviderWithBackoff() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        p.script.add(() -> notSent("p"));
        p.script.add(() -> notSent("p"));
        try (Comms comms = builder(p).build()) {
            SmsReceipt r = comms.sms().send(sms());
            assertThat(r.attempts()).isEqualTo(3);
            assertThat(p.calls.get()).isEqualTo(3);
            assertThat(time.sleeps).hasSize(2);
            assertThat(p.contexts).extracting(c -> c.attempt()).containsExactly(1, 2, 3);
            assertThat(p.contexts).extracting(c -> c.messageId()).containsOnly(r.id());
            assertThat(meter.log).containsExactly("reserve:sms:1", "commit");
        }
    }

    @Test
    void notSentFailsOverToTheNextProviderAtOnce() {
        ScriptedProvider a = ScriptedProvider.of("a", Channel.SMS);
        ScriptedProvider b = ScriptedProvider.of("b", Channel.SMS);
        a.script.add(() -> notSent("a"));
        try (Comms comms = builder(a, b).build()) {
            SmsReceipt r = comms.sms().send(sms());
            assertThat(r.provider()).isEqualTo("b");
            assertThat(r.attempts()).isEqualTo(2);
            assertThat(time.sleeps).isEmpty();
        }
    }

    @Test
    void exhaustedRetriesThrowTheLastFailureAndReleaseTheHold() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        for (int i = 0; i < 5; i++) {
            p.script.add(() -> notSent("p"));
        }
        try (Comms comms = builder(p).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.PROVIDER_ERROR);
                assertThat(e.status()).isEqualTo(502);
                assertThat(e.failureClass()).isEqualTo(FailureClass.NOT_SENT);
            });
            assertThat(p.calls.get()).isEqualTo(3);
            assertThat(meter.log).containsExactly("reserve:sms:1", "release");
            assertThat(meter.balance()).isEqualTo(1_000);
        }
    }

    @Test
    void permanentFailureStopsAtOnceAndReleases() {
        ScriptedProvider a = ScriptedProvider.of("a", Channel.SMS);
        ScriptedProvider b = ScriptedProvider.of("b", Channel.SMS);
        a.script.add(() -> permanent("a"));
        try (Comms comms = builder(a, b).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(ProviderException.class,
                    e -> assertThat(e.providerCode()).contains("21211"));
            assertThat(a.calls.get() + b.calls.get()).isEqualTo(1);
            assertThat(meter.log).containsExactly("reserve:sms:1", "release");
        }
    }

    @Test
    void ambiguousOnAProviderWithoutIdempotencyStopsWithDeliveryUnknownAndLeavesTheHoldPending() {
        ScriptedProvider a = new ScriptedProvider("a", EnumSet.of(Channel.SMS),
                EnumSet.complementOf(EnumSet.of(Capability.IDEMPOTENCY_KEY)), List.of());
        ScriptedProvider b = ScriptedProvider.of("b", Channel.SMS);
        a.script.add(() -> ambiguous("a"));
        try (Comms comms = builder(a, b).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.DELIVERY_UNKNOWN);
                assertThat(e.failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
            });
            // Never failed over: the first provider may have sent it.
            assertThat(b.calls.get()).isZero();
            assertThat(meter.log).containsExactly("reserve:sms:1", "unknown");
            assertThat(meter.queries).singleElement().satisfies(q -> {
                assertThat(q.providerId()).isEqualTo("a");
                assertThat(q.recipient()).isEqualTo("+447123456789");
                assertThat(q.matches("hello")).isTrue();
            });
        }
    }

    @Test
    void ambiguousOnAnIdempotentProviderRetriesTheSameProviderWithTheSameKey() {
        ScriptedProvider a = ScriptedProvider.of("a", Channel.EMAIL);
        ScriptedProvider b = ScriptedProvider.of("b", Channel.EMAIL);
        a.script.add(() -> ambiguous("a"));
        try (Comms comms = builder(a, b).build()) {
            EmailReceipt r = comms.email().send(Email.to("ada@example.com").subject("Hi").text("x").build(),
                    SendOptions.idempotencyKey("order-1"));
            assertThat(r.provider()).isEqualTo("a");
            assertThat(b.calls.get()).isZero();
            assertThat(a.contexts).extracting(c -> c.idempotencyKey()).containsExactly("order-1", "order-1");
        }
    }

    @Test
    void retryAfterIsHonouredInVirtualTime() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        p.script.add(() -> ProviderException.of(FailureClass.NOT_SENT, "p", "429").httpStatus(429)
                .retryAfter(Duration.ofSeconds(7)).build());
        try (Comms comms = builder(p).build()) {
            comms.sms().send(sms());
            assertThat(time.sleeps).containsExactly(Duration.ofSeconds(7));
        }
    }

    @Test
    void aRetryAfterBeyondTheDeadlineFailsFastInsteadOfWaiting() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        p.script.add(() -> ProviderException.of(FailureClass.NOT_SENT, "p", "429").httpStatus(429)
                .retryAfter(Duration.ofMinutes(5)).build());
        try (Comms comms = builder(p).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOf(ProviderException.class);
            assertThat(time.sleeps).isEmpty();
            assertThat(p.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void backoffIsFullJitterBelowTheExponentialCeiling() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        for (int i = 0; i < 5; i++) {
            p.script.add(() -> notSent("p"));
        }
        try (Comms comms = builder(p).property("comms.retry.max-attempts", "6").property("comms.circuit.failure-threshold", "10")
                .property("comms.retry.base-delay", "100ms")
                .property("comms.retry.max-delay", "250ms").build()) {
            comms.sms().send(sms());
            assertThat(time.sleeps).hasSize(5);
            long[] ceilings = {100, 200, 250, 250, 250};
            for (int i = 0; i < 5; i++) {
                assertThat(time.sleeps.get(i).toMillis()).isBetween(0L, ceilings[i]);
            }
        }
    }

    @Test
    void anUnexpectedProviderExceptionIsTreatedAsAmbiguous() {
        ScriptedProvider a = new ScriptedProvider("a", EnumSet.of(Channel.SMS), EnumSet.noneOf(Capability.class), List.of());
        a.script.add(() -> new NullPointerException("bug in provider"));
        try (Comms comms = builder(a).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(ProviderException.class,
                    e -> assertThat(e.failureClass()).isEqualTo(FailureClass.AMBIGUOUS));
            assertThat(a.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void circuitOpensAfterRepeatedFailuresAndRoutesAroundTheProvider() {
        ScriptedProvider a = ScriptedProvider.of("a", Channel.SMS);
        ScriptedProvider b = ScriptedProvider.of("b", Channel.SMS);
        for (int i = 0; i < 3; i++) {
            a.script.add(() -> notSent("a"));
        }
        try (Comms comms = builder(a, b).property("comms.circuit.failure-threshold", "3").build()) {
            for (int i = 0; i < 3; i++) {
                assertThat(comms.sms().send(sms()).provider()).isEqualTo("b");
            }
            assertThat(comms.health().channel(Channel.SMS).providers().get(0).circuit()).isEqualTo("open");
            int before = a.calls.get();
            comms.sms().send(sms());
            assertThat(a.calls.get()).isEqualTo(before);
            time.advance(Duration.ofSeconds(31));
            assertThat(comms.health().channel(Channel.SMS).providers().get(0).circuit()).isEqualTo("half-open");
            assertThat(comms.sms().send(sms()).provider()).isEqualTo("a");
            assertThat(comms.health().channel(Channel.SMS).providers().get(0).circuit()).isEqualTo("closed");
        }
    }

    @Test
    void allCircuitsOpenIsServiceUnavailable() {
        ScriptedProvider a = ScriptedProvider.of("a", Channel.SMS);
        for (int i = 0; i < 10; i++) {
            a.script.add(() -> notSent("a"));
        }
        try (Comms comms = builder(a).property("comms.circuit.failure-threshold", "2").build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOf(ProviderException.class);
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(CommsException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE));
            assertThat(comms.health().channel(Channel.SMS).state()).isEqualTo(HealthState.DOWN);
        }
    }

    @Test
    void insufficientCreditsIsRaisedBeforeAnyProviderCall() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.VOICE);
        RecordingMeter poor = new RecordingMeter(5);
        try (Comms comms = builder(p).creditMeter(poor).build()) {
            assertThatThrownBy(() -> comms.voice().send(VoiceCall.to("+447123456789").say("hi").build()))
                    .isInstanceOfSatisfying(InsufficientCreditsException.class, e -> {
                        assertThat(e.status()).isEqualTo(402);
                        assertThat(e.getMessage()).isEqualTo("Insufficient credits. You have 5p but need 10p.");
                    });
            assertThat(p.calls.get()).isZero();
            assertThat(poor.balance()).isEqualTo(5);
        }
    }

    @Test
    void callsLeaveTheirHoldPendingUntilSettledWithTheDuration() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.VOICE);
        try (Comms comms = builder(p).build()) {
            CallReceipt r = comms.voice().send(VoiceCall.to("+447123456789").say("hi").build(), SendOptions.idempotencyKey("call-1"));
            assertThat(r.estimatedMinutes()).isEqualTo(10);
            assertThat(meter.log).containsExactly("reserve:voice:10", "pending");
            comms.voice().settle(r, Duration.ofSeconds(61));
            assertThat(r.billing().holdId()).isEqualTo("h1");
            assertThat(meter.log).last().isEqualTo("settle:h1:2");
        }
    }

    @Test
    void rateLimitedIsRefusedBeforeReserveAndNoProviderIsCalled() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        Admission limited = (account, mode, channel, estimate) -> {
            throw new RateLimitedException("sms limit 100/min reached for account default", channel, Duration.ofSeconds(3));
        };
        try (Comms comms = builder(p).admission(limited).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(RateLimitedException.class,
                    e -> assertThat(e.retryAfter()).contains(Duration.ofSeconds(3)));
            assertThat(p.calls.get()).isZero();
            assertThat(meter.log).isEmpty();
        }
    }

    @Test
    void admissionPermitIsClosedWhateverTheOutcome() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        p.script.add(() -> permanent("p"));
        AtomicInteger open = new AtomicInteger();
        Admission counting = (account, mode, channel, estimate) -> {
            open.incrementAndGet();
            return open::decrementAndGet;
        };
        try (Comms comms = builder(p).admission(counting).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOf(ProviderException.class);
            comms.sms().send(sms());
            assertThat(open.get()).isZero();
        }
    }

    @Test
    void sameKeySameMessageReplaysTheFirstReceiptWithoutASecondSend() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        try (Comms comms = builder(p).build()) {
            SmsReceipt first = comms.sms().send(sms(), SendOptions.idempotencyKey("k1"));
            SmsReceipt again = comms.sms().send(sms(), SendOptions.idempotencyKey("k1"));
            assertThat(again).isEqualTo(first);
            assertThat(p.calls.get()).isEqualTo(1);
            assertThat(meter.log).containsExactly("reserve:sms:1", "commit");
        }
    }

    @Test
    void sameKeyOtherMessageIsAConflictWithNoSideEffect() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        try (Comms comms = builder(p).build()) {
            comms.sms().send(sms(), SendOptions.idempotencyKey("k1"));
            assertThatThrownBy(() -> comms.sms().send(Sms.to("+447123456789").body("other").build(), SendOptions.idempotencyKey("k1")))
                    .isInstanceOfSatisfying(IdempotencyException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_CONFLICT));
            assertThat(p.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void keysAreScopedByAccount() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        try (Comms comms = builder(p).build()) {
            comms.sms().send(sms(), SendOptions.idempotencyKey("k1"));
            comms.forAccount("other").sms().send(sms(), SendOptions.idempotencyKey("k1"));
            assertThat(p.calls.get()).isEqualTo(2);
        }
    }

    @Test
    void rejectionsBeforeTheProviderAreNotStoredSoARetryWorks() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        RecordingMeter poor = new RecordingMeter(0);
        try (Comms comms = builder(p).creditMeter(poor).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms(), SendOptions.idempotencyKey("k1"))).isInstanceOf(InsufficientCreditsException.class);
            poor.topUp(10);
            SmsReceipt r = comms.sms().send(sms(), SendOptions.idempotencyKey("k1"));
            assertThat(r.billing().cost()).isEqualTo(Money.ofPence(1));
            assertThat(p.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void failuresAfterTheProviderWasCalledAreReplayed() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        p.script.add(() -> permanent("p"));
        try (Comms comms = builder(p).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms(), SendOptions.idempotencyKey("k1"))).isInstanceOf(ProviderException.class);
            assertThatThrownBy(() -> comms.sms().send(sms(), SendOptions.idempotencyKey("k1"))).isInstanceOf(ProviderException.class);
            assertThat(p.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void concurrentDuplicatesSendOnceAndTheOthersSeeInProgressOrTheReplay() throws Exception {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        CountDownLatch inCall = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        p.script.add(() -> {
            inCall.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (Comms comms = builder(p).sleeper(Duration -> Thread.sleep(5)).build()) {
            CompletableFuture<SmsReceipt> first = CompletableFuture.supplyAsync(() -> comms.sms().send(sms(), SendOptions.idempotencyKey("dup")), pool);
            assertThat(inCall.await(10, TimeUnit.SECONDS)).isTrue();
            List<Throwable> errors = Collections.synchronizedList(new ArrayList<>());
            List<CompletableFuture<Void>> others = new ArrayList<>();
            for (int i = 0; i < 20; i++) {
                others.add(CompletableFuture.runAsync(() -> {
                    try {
                        comms.sms().send(sms(), SendOptions.idempotencyKey("dup"));
                    } catch (IdempotencyException e) {
                        errors.add(e);
                    }
                }, pool));
            }
            CompletableFuture.allOf(others.toArray(CompletableFuture<?>[]::new)).get(10, TimeUnit.SECONDS);
            release.countDown();
            SmsReceipt r = first.get(10, TimeUnit.SECONDS);
            assertThat(errors).hasSize(20).allSatisfy(e -> assertThat(((IdempotencyException) e).code()).isEqualTo(ErrorCode.IDEMPOTENCY_IN_PROGRESS));
            assertThat(p.calls.get()).isEqualTo(1);
            assertThat(comms.sms().send(sms(), SendOptions.idempotencyKey("dup"))).isEqualTo(r);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aThrowingListenerNeverBreaksASend() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        AtomicInteger seen = new AtomicInteger();
        CommsListener broken = new CommsListener() {
            @Override
            public void onSent(Receipt receipt) {
                throw new IllegalStateException("listener bug");
            }

            @Override
            public void onAttempt(AttemptEvent event) {
                throw new IllegalStateException("listener bug");
            }
        };
        CommsListener counting = new CommsListener() {
            @Override
            public void onSent(Receipt receipt) {
                seen.incrementAndGet();
            }
        };
        try (Comms comms = builder(p).listener(broken).listener(counting).build()) {
            assertThat(comms.sms().send(sms()).status()).isEqualTo(DeliveryStatus.QUEUED);
            comms.sms().send(sms());
            assertThat(seen.get()).isEqualTo(2);
        }
    }

    @Test
    void aFailingMeterCommitDoesNotLoseTheReceipt() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        meter.failCommit = true;
        try (Comms comms = builder(p).build()) {
            SmsReceipt r = comms.sms().send(sms());
            assertThat(r.billing()).isEqualTo(Billing.NOT_METERED);
            assertThat(p.calls.get()).isEqualTo(1);
        }
    }

    @Test
    void unsupportedFeatureIsAnErrorNeverASilentDrop() {
        ScriptedProvider plain = new ScriptedProvider("plain", EnumSet.of(Channel.EMAIL), EnumSet.noneOf(Capability.class), List.of());
        try (Comms comms = builder(plain).build()) {
            Email tagged = Email.to("ada@example.com").subject("Hi").text("x").tag("k", "v").build();
            assertThatThrownBy(() -> comms.email().send(tagged)).isInstanceOfSatisfying(UnsupportedFeatureException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FEATURE);
                assertThat(e.getMessage()).contains("email tags").contains("plain");
            });
            assertThat(plain.calls.get()).isZero();
            assertThat(meter.log).isEmpty();
        }
    }

    @Test
    void routingSkipsAProviderThatLacksAFeatureTheMessageNeeds() {
        ScriptedProvider plain = new ScriptedProvider("plain", EnumSet.of(Channel.EMAIL), EnumSet.noneOf(Capability.class), List.of());
        ScriptedProvider full = ScriptedProvider.of("full", Channel.EMAIL);
        try (Comms comms = builder(plain, full).build()) {
            Email tagged = Email.to("ada@example.com").subject("Hi").text("x").tag("k", "v").build();
            assertThat(comms.email().send(tagged).provider()).isEqualTo("full");
        }
    }

    @Test
    void smsToALandlineIsRefusedUnlessThePolicyIsRelaxed() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        Sms toLandline = Sms.to("+441234567890").body("hi").build();
        try (Comms comms = builder(p).build()) {
            assertThatThrownBy(() -> comms.sms().send(toLandline)).isInstanceOfSatisfying(InvalidMessageException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PHONE);
                assertThat(e.getMessage()).contains("fixed line").contains("comms.sms.require-mobile=false");
            });
        }
        try (Comms comms = builder(p).property("comms.sms.require-mobile", "false").build()) {
            assertThat(comms.sms().send(toLandline).status()).isEqualTo(DeliveryStatus.QUEUED);
        }
    }

    @Test
    void maxSegmentsIsAConfigurablePolicy() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        Sms long3 = Sms.to("+447123456789").body("a".repeat(307)).build();
        try (Comms comms = builder(p).property("comms.sms.max-segments", "2").build()) {
            assertThatThrownBy(() -> comms.sms().send(long3)).isInstanceOfSatisfying(InvalidMessageException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.MESSAGE_TOO_LONG);
                assertThat(e.getMessage()).contains("3 segments").contains("comms.sms.max-segments");
            });
            assertThat(p.calls.get()).isZero();
        }
    }

    @Test
    void configuredDefaultsFillTheSender() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.EMAIL, Channel.VOICE, Channel.AI);
        try (Comms comms = builder(p).property("comms.ai.model", "gpt-test").build()) {
            comms.email().send(Email.to("ada@example.com").subject("Hi").text("x").build());
            comms.voice().send(VoiceCall.to("+447123456789").say("hi").build());
            ChatReceipt chat = comms.ai().send(ChatRequest.user("hi").build());
            assertThat(chat.model()).isEqualTo("gpt-test");
            assertThat(chat.usage().totalTokens()).isEqualTo(4);
        }
        try (Comms comms = Comms.builder().ambientConfiguration(false).autoDiscovery(false).provider(ScriptedProvider.of("q", Channel.EMAIL)).build()) {
            assertThatThrownBy(() -> comms.email().send(Email.to("ada@example.com").subject("Hi").text("x").build()))
                    .hasMessageContaining("comms.email.from");
        }
    }

    @Test
    void healthCountsScriptedFailures() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        p.script.add(() -> notSent("p"));
        p.script.add(() -> null);
        p.script.add(() -> permanent("p"));
        try (Comms comms = builder(p).build()) {
            comms.sms().send(sms());
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOf(ProviderException.class);
            comms.sms().send(sms());
            ProviderHealth h = comms.health().channel(Channel.SMS).providers().get(0);
            assertThat(h.requests()).isEqualTo(4);
            assertThat(h.errors()).isEqualTo(2);
            assertThat(h.errorRate()).isEqualTo(0.5);
            assertThat(h.recentErrors()).extracting(ProviderHealth.RecentError::providerCode).containsExactly("", "21211");
            assertThat(h.lastSuccess()).isNotNull();
            assertThat(h.lastFailure()).isNotNull();
            assertThat(comms.health().channel(Channel.SMS).totalErrors()).isEqualTo(2);
            assertThat(comms.health().channel(Channel.EMAIL).state()).isEqualTo(HealthState.NOT_CONFIGURED);
            assertThat(comms.health().toJson()).contains("\"errorRate\":0.5").contains("\"NOT_CONFIGURED\"");
        }
    }

    @Test
    void sendAllCollectsSentAndFailedPerMessage() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        p.script.add(() -> null);
        p.script.add(() -> permanent("p"));
        try (Comms comms = builder(p).build()) {
            BulkResult<SmsReceipt> result = comms.sms().sendAll(List.of(sms(), sms(), sms()));
            assertThat(result.sent()).isEqualTo(2);
            assertThat(result.failed()).isEqualTo(1);
            assertThat(result.failures()).containsOnlyKeys(1);
        }
    }

    @Test
    void sendAsyncCompletesWithTheReceiptOrTheError() throws Exception {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        p.script.add(() -> null);
        p.script.add(() -> permanent("p"));
        try (Comms comms = builder(p).build()) {
            assertThat(comms.sms().sendAsync(sms()).get(10, TimeUnit.SECONDS).provider()).isEqualTo("p");
            assertThatThrownBy(() -> comms.sms().sendAsync(sms()).get(10, TimeUnit.SECONDS)).hasCauseInstanceOf(ProviderException.class);
        }
    }

    @Test
    void versionListsFeaturesAndProviders() {
        try (Comms comms = builder(ScriptedProvider.of("p", Channel.SMS)).build()) {
            Version v = comms.version();
            assertThat(v.features()).contains("sms-segments", "idempotency", "credits");
            assertThat(v.providers()).extracting(Version.ProviderInfo::id).containsExactly("p");
            assertThat(v.version()).isNotBlank();
            assertThat(v.toJson()).contains("\"providers\"");
        }
    }
}
