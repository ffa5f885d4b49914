package dev.comms.testkit;

import dev.comms.Channel;
import dev.comms.DeliveryStatus;
import dev.comms.Sms;
import dev.comms.SmsSegments;
import dev.comms.spi.Capability;
import dev.comms.spi.SendContext;
import dev.comms.spi.SmsResult;
import dev.comms.spi.SmsSender;
import java.util.EnumSet;

/**
 * The fake SMS provider: accepts every message except scripted failures and magic numbers, and
 * reports the segment count the facade's own counter gives (so usage priced from its log is exact).
 */
public final class FakeSms extends FakeChannel<Sms, SmsResult> implements SmsSender {
    FakeSms() {
        super(Channel.SMS, "SMfake", EnumSet.of(Capability.SMS_ALPHANUMERIC_SENDER, Capability.SMS_MESSAGING_SERVICE,
                Capability.STATUS_CALLBACK, Capability.IDEMPOTENCY_KEY));
    }

    @Override
    public SmsResult send(Sms sms, SendContext context) {
        return handle(sms, context, id -> new SmsResult(id, DeliveryStatus.QUEUED, SmsSegments.of(sms.body()).segmentCount()));
    }

    @Override
    String[] recipientAndContent(Sms sms) {
        return new String[] {sms.to().e164(), sms.body()};
    }

    @Override
    Outcome magic(Sms sms) {
        return MagicRecipients.forPhone(sms.to().e164());
    }

    @Override
    public String toString() {
        return "FakeSms[sent=" + sent().size() + ", requests=" + requests() + "]";
    }
}
