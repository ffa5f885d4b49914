package dev.comms.internal;

import dev.comms.Billing;
import dev.comms.Channel;
import dev.comms.ErrorCode;
import dev.comms.InvalidMessageException;
import dev.comms.Phone;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.SmsSegments;
import dev.comms.spi.Capability;
import dev.comms.spi.ProviderChannel;
import dev.comms.spi.SendContext;
import dev.comms.spi.SmsResult;
import dev.comms.spi.SmsSender;
import dev.comms.spi.Usage;
import java.util.EnumSet;

/** The SMS channel's policies, plan and receipt. */
final class SmsOps implements ChannelOps<Sms, SmsReceipt, SmsResult> {
    private final Settings settings;
    /** {@code comms.sms.from} when it is a number, parsed once (the builder would parse it on every send), else null. */
    private final Phone defaultFromNumber;

    SmsOps(Settings settings) {
        this.settings = settings;
        this.defaultFromNumber = settings.smsFrom == null ? null
                : Sms.to("+447123456789").body("x").from(settings.smsFrom).build().fromNumber().orElse(null);
    }

    @Override
    public Channel channel() {
        return Channel.SMS;
    }

    @Override
    public Sms prepare(Sms sms) {
        if (settings.requireMobile && !sms.to().type().isMobileCapable()) {
            throw new InvalidMessageException(ErrorCode.INVALID_PHONE, "to", "Phone number " + sms.to().masked()
                    + " is a " + sms.to().type().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ')
                    + " number, which cannot receive SMS: use a mobile number, or set comms.sms.require-mobile=false", Channel.SMS);
        }
        if (!sms.hasSender() && settings.smsFrom != null) {
            Sms.Builder b = sms.toBuilder();
            return (defaultFromNumber != null ? b.from(defaultFromNumber) : b.from(settings.smsFrom)).build();
        }
        return sms;
    }

    @Override
    public Plan plan(Sms sms) {
        SmsSegments segments = SegmentCounter.count(sms.body(), settings.smartEncoding);
        if (segments.segmentCount() > settings.maxSegments) {
            throw new InvalidMessageException(ErrorCode.MESSAGE_TOO_LONG, "body", "SMS body needs " + segments.segmentCount()
                    + " segments (" + segments.encoding() + "); the limit is " + settings.maxSegments
                    + (segments.ucs2Characters().isEmpty() ? "" : ": characters " + segments.ucs2Characters() + " force UCS-2")
                    + "; shorten it or raise comms.sms.max-segments", Channel.SMS);
        }
        EnumSet<Capability> required = EnumSet.noneOf(Capability.class);
        if (sms.senderId().isPresent()) {
            required.add(Capability.SMS_ALPHANUMERIC_SENDER);
        }
        if (sms.messagingService().isPresent()) {
            required.add(Capability.SMS_MESSAGING_SERVICE);
        }
        if (sms.statusCallback().isPresent()) {
            required.add(Capability.STATUS_CALLBACK);
        }
        // computed only if an idempotency key or a credit meter asks for it
        return new Plan(Usage.sms(segments.segmentCount()), sms.to().region(), segments, required, () -> fingerprint(sms));
    }

    private static String fingerprint(Sms sms) {
        return new Fingerprint().add("channel", "sms").add("to", sms.to().e164()).add("body", sms.body())
                .add("from", sms.fromNumber().map(p -> p.e164()).orElse(null)).add("sender", sms.senderId().orElse(null))
                .add("service", sms.messagingService().orElse(null)).add("callback", sms.statusCallback().orElse(null))
                .sha256();
    }

    @Override
    public void check(ProviderChannel impl, Sms sms) {
        ((SmsSender) impl).check(sms);
    }

    @Override
    public java.util.List<String> recipients(Sms sms) {
        return java.util.List.of(sms.to().e164());
    }

    @Override
    public String recipient(Sms sms) {
        return sms.to().e164();
    }

    @Override
    public String content(Sms sms) {
        return sms.body();
    }

    @Override
    public SmsResult call(ProviderChannel impl, Sms sms, SendContext context) {
        return ((SmsSender) impl).send(sms, context);
    }

    @Override
    public Usage actual(Sms sms, Plan plan, SmsResult result) {
        // Our count is the meter: providers report segments late or as 0 through messaging services.
        return plan.estimate();
    }

    @Override
    public SmsReceipt receipt(ReceiptBase b, Sms sms, Plan plan, SmsResult r, Billing billing) {
        return new SmsReceipt(b.id(), b.account(), b.mode(), b.provider(), r.providerMessageId(), r.status(), b.attempts(),
                billing, b.timestamp(), sms.to().e164(), plan.segments());
    }
}
