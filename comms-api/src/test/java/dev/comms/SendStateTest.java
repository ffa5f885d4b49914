package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.spi.Capability;
import dev.comms.support.RecordingMeter;
import dev.comms.support.ScriptedProvider;
import dev.comms.support.VirtualTime;
import java.io.IOException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The state a send leaves behind, through the public API: the worst outcome decides (not the last),
 * input errors from a provider are not ambiguous, leases cover the whole send, listeners and
 * providers that throw checked exceptions cannot break the books. Each test fails on a pipeline that
 * keeps only the last attempt, counts input errors as ambiguous, or guards with RuntimeException only.
 */
class SendStateTest {
    private final VirtualTime time = new VirtualTime();
    private final RecordingMeter meter = new RecordingMeter(1_000);

    private Comms.Builder builder(ScriptedProvider... providers) {
        Comms.Builder b = Comms.builder().ambientConfiguration(false).autoDiscovery(false).clock(time).sleeper(time)
                .creditMeter(meter).property("comms.email.from", "hello@example.org").property("comms.voice.from", "+447123456780")
                .property("comms.maintenance.interval", "0");
        for (ScriptedProvider p : providers) {
            b.provider(p);
        }
        return b;
    }

    private static Sms sms() {
        return Sms.to("+447123456789").body("hello").build();
    }

    private static ProviderException notSent(String p, Duration retryAfter) {
        return ProviderException.of(FailureClass.NOT_SENT, p, "503 from stub").httpStatus(503).retryAfter(retryAfter).build();
    }

    private static ProviderException ambiguous(String p) {
        return ProviderException.of(FailureClass.AMBIGUOUS, p, "read timed out after the request was written").build();
    }

    private static ProviderException permanent(String p) {
        return ProviderException.of(FailureClass.PERMANENT, p, "invalid idempotent request").httpStatus(409).build();
    }

    private static void line(String s) {
        System.out.println(s);
    }

    // ---- 1: worst outcome, not last -----------------------------------------------------------------------------

    @Test
    void anAmbiguousAttemptFollowedByNotSentRetriesIsDeliveryUnknownAndKeepsTheHold() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS); // declares IDEMPOTENCY_KEY: ambiguous is retried
        p.script.add(() -> ambiguous("p"));
        p.script.add(() -> notSent("p", null));
        p.script.add(() -> notSent("p", null));
        try (Comms comms = builder(p).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(ProviderException.class, e -> {
                assertThat(e.code()).isEqualTo(ErrorCode.DELIVERY_UNKNOWN);
                assertThat(e.failureClass()).isEqualTo(FailureClass.AMBIGUOUS);
                assertThat(e.getSuppressed()).hasSize(1);
            });
        }
        line("worst_outcome scenario=ambiguous,not_sent,not_sent provider_calls=" + p.calls.get() + " meter=" + meter.log
                + " balance=" + meter.balance());
        assertThat(p.calls.get()).isEqualTo(3);
        assertThat(meter.log).containsExactly("reserve:sms:1", "unknown");
        assertThat(meter.balance()).isEqualTo(999); // still held, never released
    }

    @Test
    void anAmbiguousAttemptThenADeadlineStopIsStillDeliveryUnknown() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        p.script.add(() -> ambiguous("p"));
        p.script.add(() -> notSent("p", Duration.ofMinutes(5))); // asks for a wait beyond the 30 s deadline
        try (Comms comms = builder(p).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(ProviderException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DELIVERY_UNKNOWN));
        }
        assertThat(p.calls.get()).isEqualTo(2);
        assertThat(meter.log).containsExactly("reserve:sms:1", "unknown");
    }

    @Test
    void aPermanentAnswerAfterAnAmbiguousAttemptIsStillDeliveryUnknown() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        p.script.add(() -> ambiguous("p"));
        p.script.add(() -> permanent("p"));
        try (Comms comms = builder(p).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(ProviderException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.DELIVERY_UNKNOWN));
        }
        assertThat(meter.log).containsExactly("reserve:sms:1", "unknown");
    }

    @Test
    void anAmbiguousAttemptThenSuccessIsASuccessCharged() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        p.script.add(() -> ambiguous("p"));
        try (Comms comms = builder(p).build()) {
            SmsReceipt r = comms.sms().send(sms());
            assertThat(r.attempts()).isEqualTo(2);
        }
        assertThat(meter.log).containsExactly("reserve:sms:1", "commit");
    }

    // ---- 2: input errors from a provider are not ambiguous ------------------------------------------------------

    @Test
    void anInputErrorRaisedInsideSendIsNotSentReleasesTheKeyAndNeverOpensTheCircuit() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.EMAIL);
        for (int i = 0; i < 12; i++) {
            p.script.add(() -> new UnsupportedFeatureException("two reply-to addresses", Channel.EMAIL, "p"));
        }
        Email email = Email.to("ada@example.com").subject("s").text("t").build();
        try (Comms comms = builder(p).build()) {
            for (int i = 0; i < 12; i++) {
                assertThatThrownBy(() -> comms.email().send(email, SendOptions.idempotencyKey("order-1")))
                        .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.UNSUPPORTED_FEATURE));
            }
            ProviderHealth h = comms.health().channels().stream().filter(c -> c.channel() == Channel.EMAIL).findFirst().orElseThrow()
                    .providers().get(0);
            line("input_errors sends=12 circuit=" + h.circuit() + " errors=" + h.errors() + " meter_tail=" + meter.log.subList(0, 2));
            assertThat(h.circuit()).isEqualTo("closed");
            assertThat(h.errors()).isZero();
            // the key was never used for a send: the same key works once the provider takes the message
            EmailReceipt r = comms.email().send(email, SendOptions.idempotencyKey("order-1"));
            assertThat(r.provider()).isEqualTo("p");
        }
        assertThat(meter.log.stream().filter(s -> s.equals("abandon")).count()).isEqualTo(12);
        assertThat(meter.log).doesNotContain("unknown", "release");
    }

    @Test
    void aProviderLimitIsCheckedWhilePlanningBeforeAnythingIsHeldAndTheChainSkipsThatProvider() {
        ScriptedProvider strict = ScriptedProvider.of("strict", Channel.EMAIL);
        ScriptedProvider lenient = ScriptedProvider.of("lenient", Channel.EMAIL);
        strict.check = m -> new UnsupportedFeatureException("more than one reply-to address", Channel.EMAIL, "strict");
        Email email = Email.to("ada@example.com").subject("s").text("t").build();
        try (Comms comms = builder(strict, lenient).build()) {
            assertThat(comms.email().send(email).provider()).isEqualTo("lenient");
            assertThat(strict.calls.get()).isZero();
            lenient.check = strict.check;
            meter.log.clear();
            assertThatThrownBy(() -> comms.email().send(email)).isInstanceOfSatisfying(UnsupportedFeatureException.class,
                    e -> assertThat(e.provider()).contains("strict"));
            assertThat(meter.log).isEmpty(); // nothing held
        }
    }

    @Test
    void idempotencyKeysArePrintableAsciiUpTo255() {
        for (String bad : new String[] {"", "clé-1", "a b", "tab\tkey", "x".repeat(256), "emoji-\uD83D\uDE00"}) {
            assertThatThrownBy(() -> SendOptions.idempotencyKey(bad)).as(bad).isInstanceOfSatisfying(InvalidMessageException.class, e -> {
                assertThat(e.field()).isEqualTo("idempotencyKey");
                assertThat(e.code()).isEqualTo(ErrorCode.INVALID_MESSAGE);
            });
        }
        assertThat(SendOptions.idempotencyKey("x".repeat(255)).idempotencyKey()).contains("x".repeat(255));
        assertThat(SendOptions.idempotencyKey("order:1234/confirm~!").idempotencyKey()).isPresent();
    }

    // ---- 3: leases per channel and per send ---------------------------------------------------------------------

    @Test
    void aVoiceHoldLivesForTheRingTimeoutPlusTheLongestCall() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.VOICE, Channel.SMS);
        try (Comms comms = builder(p).build()) {
            comms.voice().send(VoiceCall.to("+447123456789").say("hi").build());
            comms.sms().send(sms(), SendOptions.NONE.withDeadline(Duration.ofMinutes(20)));
        }
        Duration voice = meter.requests.get(0).lease();
        Duration sms = meter.requests.get(1).lease();
        line("leases voice=" + voice + " sms_with_20m_deadline=" + sms);
        assertThat(voice).isGreaterThanOrEqualTo(Duration.ofHours(4).plusSeconds(30));
        assertThat(sms).isGreaterThan(Duration.ofMinutes(20));
        assertThat(meter.requests.get(0).estimate().units()).isEqualTo(10); // the amount stays hold-minutes
    }

    @Test
    void aSendWithADeadlineLongerThanTheDefaultLeaseKeepsItsKeyUntilItEnds() throws Exception {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        p.script.add(() -> {
            inside.countDown();
            try {
                release.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return null;
        });
        try (Comms comms = builder(p).build()) {
            SendOptions slow = SendOptions.idempotencyKey("otp-1").withDeadline(Duration.ofMinutes(15));
            CompletableFuture<SmsReceipt> first = CompletableFuture.supplyAsync(() -> comms.sms().send(sms(), slow));
            assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
            time.advance(Duration.ofMinutes(10)); // past the default lease of about 105 s, inside this send's deadline
            assertThatThrownBy(() -> comms.sms().send(sms(), slow)).isInstanceOfSatisfying(IdempotencyException.class,
                    e -> assertThat(e.code()).isEqualTo(ErrorCode.IDEMPOTENCY_IN_PROGRESS));
            release.countDown();
            first.get(10, TimeUnit.SECONDS);
        }
        line("long_deadline_key provider_sends=" + p.calls.get());
        assertThat(p.calls.get()).isEqualTo(1);
    }

    // ---- 6: nothing a listener or provider throws breaks the books ---------------------------------------------

    @Test
    void listenersThrowingCheckedExceptionsAndErrorsNeverBreakASend() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        CommsListener sneaky = new CommsListener() {
            @Override
            public void onAttempt(AttemptEvent event) {
                throw ScriptedProvider.sneaky(new IOException("listener disk full"));
            }

            @Override
            public void onSent(Receipt receipt) {
                throw ScriptedProvider.sneaky(new Exception("checked, thrown sneakily"));
            }
        };
        CommsListener asserting = new CommsListener() {
            @Override
            public void onSent(Receipt receipt) {
                throw new AssertionError("an Error that is not a VM error");
            }
        };
        try (Comms comms = builder(p).listener(sneaky).listener(asserting).build()) {
            SmsReceipt r = comms.sms().send(sms(), SendOptions.idempotencyKey("k-1"));
            // the key completed: a retry replays the receipt instead of 'in progress'
            assertThat(comms.sms().send(sms(), SendOptions.idempotencyKey("k-1")).id()).isEqualTo(r.id());
        }
        assertThat(p.calls.get()).isEqualTo(1);
        assertThat(meter.log).containsExactly("reserve:sms:1", "commit");
    }

    @Test
    void aProviderThrowingACheckedExceptionIsAmbiguousNotACrash() {
        ScriptedProvider p = new ScriptedProvider("p", EnumSet.of(Channel.SMS), EnumSet.complementOf(EnumSet.of(Capability.IDEMPOTENCY_KEY)),
                List.of());
        p.script.add(() -> ScriptedProvider.sneaky(new IOException("socket closed after write")));
        try (Comms comms = builder(p).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms(), SendOptions.idempotencyKey("k-2")))
                    .isInstanceOfSatisfying(ProviderException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.DELIVERY_UNKNOWN);
                        assertThat(e.getCause()).isInstanceOf(IOException.class);
                    });
            // the stored outcome is replayed, not 'in progress' forever
            assertThatThrownBy(() -> comms.sms().send(sms(), SendOptions.idempotencyKey("k-2")))
                    .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.DELIVERY_UNKNOWN));
        }
        assertThat(meter.log).containsExactly("reserve:sms:1", "unknown");
    }

    @Test
    void aMeterThrowingACheckedExceptionAtReserveIsAnErrorWithNothingSent() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        dev.comms.spi.CreditMeter broken = request -> {
            throw ScriptedProvider.sneaky(new java.sql.SQLException("connection refused", "08001"));
        };
        try (Comms comms = Comms.builder().ambientConfiguration(false).autoDiscovery(false).clock(time).sleeper(time).creditMeter(broken)
                .property("comms.maintenance.interval", "0").provider(p).build()) {
            assertThatThrownBy(() -> comms.sms().send(sms(), SendOptions.idempotencyKey("k-3")))
                    .isInstanceOfSatisfying(CommsException.class, e -> {
                        assertThat(e.code()).isEqualTo(ErrorCode.INTERNAL_ERROR);
                        assertThat(e.getMessage()).doesNotContain("connection refused");
                    });
        }
        assertThat(p.calls.get()).isZero();
    }

    // ---- 9: views and close ---------------------------------------------------------------------------------------

    @Test
    void closingAViewLeavesTheSharedFacadeOpen() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        try (Comms comms = builder(p).build()) {
            comms.forAccount("tenant-a").close();
            assertThat(comms.sms().send(sms()).provider()).isEqualTo("p");
            assertThat(p.closed.get()).isZero();
        }
        assertThat(p.closed.get()).isEqualTo(1);
    }

    @Test
    void everySendAfterCloseIsRefusedAndReachesNoProvider() throws Exception {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.SMS);
        Comms comms = builder(p).build();
        Comms view = comms.forAccount("tenant-b");
        comms.close();
        assertThatThrownBy(() -> comms.sms().send(sms())).isInstanceOfSatisfying(CommsException.class, e -> {
            assertThat(e.code()).isEqualTo(ErrorCode.SERVICE_UNAVAILABLE);
            assertThat(e.getMessage()).contains("closed");
        });
        assertThatThrownBy(() -> view.sms().send(sms())).isInstanceOf(CommsException.class);
        assertThatThrownBy(() -> comms.sms().sendAsync(sms()).get(5, TimeUnit.SECONDS)).hasCauseInstanceOf(CommsException.class);
        assertThat(p.calls.get()).isZero();
        assertThat(meter.log).isEmpty();
    }

    @Test
    void settlingACallFromAViewOfAnotherAccountIsRefused() {
        ScriptedProvider p = ScriptedProvider.of("p", Channel.VOICE);
        try (Comms comms = builder(p).build()) {
            CallReceipt r = comms.forAccount("tenant-a").voice().send(VoiceCall.to("+447123456789").say("hi").build());
            assertThatThrownBy(() -> comms.forAccount("tenant-b").voice().settle(r, Duration.ofSeconds(30)))
                    .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("tenant-a");
            assertThat(meter.log).containsExactly("reserve:voice:10", "pending");
            comms.forAccount("tenant-a").voice().settle(r, Duration.ofSeconds(30));
            assertThat(meter.log).last().isEqualTo("settle:" + r.billing().holdId() + ":1");
        }
    }
}
