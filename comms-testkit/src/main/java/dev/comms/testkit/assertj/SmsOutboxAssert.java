package dev.comms.testkit.assertj;

import dev.comms.Phone;
import dev.comms.Sms;
import dev.comms.testkit.FakeSms;

/** Assertions over the fake SMS outbox. */
public final class SmsOutboxAssert extends OutboxAssert<SmsOutboxAssert, Sms> {
    SmsOutboxAssert(FakeSms actual) {
        super(actual, SmsOutboxAssert.class);
    }

    /**
     * @param number the expected recipient, in any form {@link Phone#of(String)} accepts
     * @return this
     */
    public SmsOutboxAssert lastTo(String number) {
        String expected = Phone.of(number).e164();
        String got = last().to().e164();
        if (!got.equals(expected)) {
            failWithMessage("Expected the last SMS to go to %s but it went to %s", expected, got);
        }
        return this;
    }

    /**
     * @param text text the last body must contain
     * @return this
     */
    public SmsOutboxAssert lastBodyContains(String text) {
        if (!last().body().contains(text)) {
            failWithMessage("Expected the last SMS body to contain <%s> but it was <%s>", text, last().body());
        }
        return this;
    }

    /**
     * @param sender the expected sender id or number (E.164)
     * @return this
     */
    public SmsOutboxAssert lastFrom(String sender) {
        Sms s = last();
        String got = s.senderId().orElseGet(() -> s.fromNumber().map(Phone::e164).orElse(null));
        if (!sender.equals(got)) {
            failWithMessage("Expected the last SMS to be from <%s> but it was from <%s>", sender, got);
        }
        return this;
    }
}
