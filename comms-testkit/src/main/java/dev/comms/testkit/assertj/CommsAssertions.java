package dev.comms.testkit.assertj;

import dev.comms.testkit.FakeAi;
import dev.comms.testkit.FakeEmail;
import dev.comms.testkit.FakeSms;
import dev.comms.testkit.FakeVoice;

/**
 * Entry point of the fakes' AssertJ assertions:
 * {@code assertThat(fake.sms()).hasSent(1).lastTo("+447123456789")}.
 */
public final class CommsAssertions {
    private CommsAssertions() {
    }

    /**
     * @param sms the fake
     * @return its assertions
     */
    public static SmsOutboxAssert assertThat(FakeSms sms) {
        return new SmsOutboxAssert(sms);
    }

    /**
     * @param email the fake
     * @return its assertions
     */
    public static EmailOutboxAssert assertThat(FakeEmail email) {
        return new EmailOutboxAssert(email);
    }

    /**
     * @param voice the fake
     * @return its assertions
     */
    public static VoiceOutboxAssert assertThat(FakeVoice voice) {
        return new VoiceOutboxAssert(voice);
    }

    /**
     * @param ai the fake
     * @return its assertions
     */
    public static AiOutboxAssert assertThat(FakeAi ai) {
        return new AiOutboxAssert(ai);
    }

    /**
     * @param events what a {@link dev.comms.testkit.RecordingEvents} heard
     * @return assertions on the events
     */
    public static EventsAssert assertThat(dev.comms.testkit.RecordingEvents events) {
        return new EventsAssert(events);
    }
}
