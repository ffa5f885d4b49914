package dev.comms.testkit.assertj;

import dev.comms.Phone;
import dev.comms.VoiceCall;
import dev.comms.testkit.FakeVoice;

/** Assertions over the fake voice outbox. */
public final class VoiceOutboxAssert extends OutboxAssert<VoiceOutboxAssert, VoiceCall> {
    VoiceOutboxAssert(FakeVoice actual) {
        super(actual, VoiceOutboxAssert.class);
    }

    /**
     * @param number the expected callee
     * @return this
     */
    public VoiceOutboxAssert lastTo(String number) {
        String expected = Phone.of(number).e164();
        if (!last().to().e164().equals(expected)) {
            failWithMessage("Expected the last call to go to %s but it went to %s", expected, last().to().e164());
        }
        return this;
    }

    /**
     * @param text text the last spoken script must contain
     * @return this
     */
    public VoiceOutboxAssert lastScriptContains(String text) {
        if (!last().script().orElse("").contains(text)) {
            failWithMessage("Expected the last call's script to contain <%s> but it was <%s>", text, last().script().orElse(""));
        }
        return this;
    }
}
