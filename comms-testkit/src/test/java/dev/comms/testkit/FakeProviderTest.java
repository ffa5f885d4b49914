package dev.comms.testkit;

import static dev.comms.testkit.assertj.CommsAssertions.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.CallReceipt;
import dev.comms.ChatReceipt;
import dev.comms.ChatRequest;
import dev.comms.Comms;
import dev.comms.CommsException;
import dev.comms.Email;
import dev.comms.ErrorCode;
import dev.comms.Health;
import dev.comms.Channel;
import dev.comms.Mode;
import dev.comms.ProviderException;
import dev.comms.SendOptions;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.VoiceCall;
import dev.comms.testkit.junit.CommsTest;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The fakes behind the real facade pipeline, injected by the JUnit extension. */
@CommsTest(properties = "comms.retry.max-attempts=3")
class FakeProviderTest {

    @Test
    void sendsEveryChannelThroughThePipeline(Comms comms, FakeProvider fake) {
        SmsReceipt sms = comms.sms().send(Sms.to("07123 456789", "GB").body("Your code is 123456").build());
        comms.email().send(Email.builder().to("ada@example.com").subject("Hello").text("Hi Ada").build());
        CallReceipt call = comms.voice().send(VoiceCall.to("+447123456789").say("Your appointment is at ten").build());
        ChatReceipt chat = comms.ai().send(ChatRequest.user("Say hello").build());

        assertThat(fake.sms()).hasSent(1).lastTo("+447123456789").lastBodyContains("123456").lastFrom("CommsTest");
        assertThat(fake.email()).hasSent(1).lastTo("ada@example.com").lastSubject("Hello");
        assertThat(fake.voice()).hasSent(1).lastTo("+447123456789").lastScriptContains("ten");
        assertThat(fake.ai()).hasSent(1).lastModel("gpt-4o-mini").lastPromptContains("Say hello");
        assertThat(sms.segments().segmentCount()).isEqualTo(1);
        assertThat(call.toString()).doesNotContain("447123456789");
        assertThat(chat.text()).isEqualTo(FakeAi.DEFAULT_REPLY);
        assertThat(fake.sms().last().orElseThrow().context().mode()).isEqualTo(Mode.TEST);
    }

    @Test
    void providerIdsAreUnique(Comms comms, FakeSms sms) {
        for (int i = 0; i < 50; i++) {
            comms.sms().send(Sms.to("+447123456789").body("n" + i).build());
        }
        assertThat(sms.sent().stream().map(Sent::providerId).distinct().count()).isEqualTo(50);
    }

    @Test
    void temporaryFailuresAreRetriedThenSucceed(Comms comms, FakeSms sms, FakeSleeper sleeper) {
        sms.enqueue(Outcome.unavailable(), Outcome.unavailable());
        comms.sms().send(Sms.to("+447123456789").body("Hi").build());
        assertThat(sms).hasSent(1).hasReceivedRequests(3);
        assertThat(sleeper.sleeps()).hasSize(2);
    }

    @Test
    void rateLimitIsHonouredInVirtualTime(Comms comms, FakeSms sms, FakeSleeper sleeper) {
        sms.enqueue(Outcome.rateLimited(Duration.ofSeconds(2)));
        comms.sms().send(Sms.to("+447123456789").body("Hi").build());
        assertThat(sleeper.sleeps()).containsExactly(Duration.ofSeconds(2));
        assertThat(sms).hasSent(1);
    }

    @Test
    void magicNumbersFailAsDocumented(Comms comms, FakeSms sms) {
        assertThatThrownBy(() -> comms.sms().send(Sms.to(MagicRecipients.PERMANENT_FAILURE).body("x").build()))
                .isInstanceOfSatisfying(ProviderException.class, e -> assertThat(e.httpStatus()).isEqualTo(400));
        assertThatThrownBy(() -> comms.sms().send(Sms.to(MagicRecipients.TEMPORARY_FAILURE).body("x").build()))
                .isInstanceOf(CommsException.class);
        assertThat(sms.requests()).isEqualTo(1 + 3);
        assertThatThrownBy(() -> comms.email().send(Email.builder().to(MagicRecipients.EMAIL_PERMANENT_FAILURE)
                .subject("s").text("t").build())).isInstanceOf(ProviderException.class);
        assertThatThrownBy(() -> comms.ai().send(ChatRequest.builder().user("x").model(MagicRecipients.MODEL_PERMANENT_FAILURE).build()))
                .isInstanceOf(ProviderException.class);
        comms.sms().send(Sms.to(MagicRecipients.DELIVERS).body("x").build());
        assertThat(sms).hasSent(1).lastTo(MagicRecipients.DELIVERS);
    }

    @Test
    void ambiguousFailureIsRetriedWithTheSameKeyAndSentOnce(Comms comms, FakeSms sms) {
        sms.enqueue(Outcome.ambiguous());
        SmsReceipt r = comms.sms().send(Sms.to("+447123456789").body("once").build(), SendOptions.idempotencyKey("order-1"));
        assertThat(sms).hasSent(1).hasReceivedRequests(2);
        assertThat(sms.last().orElseThrow().providerId()).isEqualTo(r.providerMessageId());
    }

    @Test
    void healthCountsScriptedFailures(Comms comms, FakeSms sms) {
        sms.enqueue(Outcome.unavailable());
        comms.sms().send(Sms.to("+447123456789").body("Hi").build());
        Health h = comms.health();
        var provider = h.channel(Channel.SMS).providers().get(0);
        assertThat(provider.requests()).isEqualTo(2);
        assertThat(provider.errors()).isEqualTo(1);
    }

    @Test
    void scriptedDelayAdvancesTheFakeClock(Comms comms, FakeSms sms, FakeClock clock) {
        var before = clock.instant();
        sms.enqueue(Outcome.delay(Duration.ofMillis(750)));
        comms.sms().send(Sms.to("+447123456789").body("Hi").build());
        assertThat(Duration.between(before, clock.instant())).isEqualTo(Duration.ofMillis(750));
    }

    @Test
    void voiceStatusReportsAnsweredCalls(Comms comms, FakeVoice voice) {
        CallReceipt r = comms.voice().send(VoiceCall.to("+447123456789").say("Press 1").menu("1", "Confirmed").build());
        assertThat(comms.voice().status(r).status()).isEqualTo(dev.comms.CallStatus.QUEUED);
        voice.answer(r.providerMessageId(), Duration.ofSeconds(61), "1");
        var details = comms.voice().status(r);
        assertThat(details.duration()).contains(Duration.ofSeconds(61));
        assertThat(details.digits()).contains("1");
    }

    @Test
    void nothingSentIsAssertable(FakeSms sms) {
        assertThat(sms).hasNothingSent();
        assertThatThrownBy(() -> assertThat(sms).hasSent(1)).isInstanceOf(AssertionError.class)
                .hasMessageContaining("hold 1 message(s) but it holds 0");
    }

    @Test
    void predicateMatchers(Comms comms, FakeSms sms) {
        comms.sms().send(Sms.to("+447123456789").body("alpha").build());
        comms.sms().send(Sms.to("+447123456780").body("beta").build());
        assertThat(sms).hasSentMatching("has body beta", m -> m.body().equals("beta"))
                .allMatch("is to a UK number", m -> m.to().e164().startsWith("+44"));
        assertThatThrownBy(() -> assertThat(sms).hasSentMatching("has body gamma", m -> m.body().equals("gamma")))
                .isInstanceOf(AssertionError.class).hasMessageContaining("gamma");
        assertThatThrownBy(() -> assertThat(sms).lastTo("+447123456789")).isInstanceOf(AssertionError.class);
    }

    @Test
    void invalidInputNeverReachesTheFake(Comms comms, FakeSms sms) {
        assertThatThrownBy(() -> comms.sms().send(Sms.to("+44").body("x").build()))
                .isInstanceOfSatisfying(CommsException.class, e -> assertThat(e.code()).isEqualTo(ErrorCode.INVALID_PHONE));
        assertThat(sms).hasReceivedRequests(0);
    }
}
