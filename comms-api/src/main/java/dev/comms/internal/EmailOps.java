package dev.comms.internal;

import dev.comms.Billing;
import dev.comms.Channel;
import dev.comms.Email;
import dev.comms.EmailAddress;
import dev.comms.EmailReceipt;
import dev.comms.ErrorCode;
import dev.comms.InvalidMessageException;
import dev.comms.spi.Capability;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import dev.comms.spi.ProviderChannel;
import dev.comms.spi.SendContext;
import dev.comms.spi.Usage;
import java.util.EnumSet;
import java.util.Map;

/** The email channel's policies, plan and receipt. */
final class EmailOps implements ChannelOps<Email, EmailReceipt, EmailResult> {
    private final Settings settings;

    EmailOps(Settings settings) {
        this.settings = settings;
    }

    @Override
    public Channel channel() {
        return Channel.EMAIL;
    }

    @Override
    public Email prepare(Email email) {
        if (email.from().isPresent()) {
            return email;
        }
        if (settings.emailFrom == null) {
            throw new InvalidMessageException(ErrorCode.INVALID_EMAIL, "from",
                    "sender is missing: set it on the email (from) or configure comms.email.from", Channel.EMAIL);
        }
        return email.withFrom(settings.emailFrom);
    }

    @Override
    public Plan plan(Email email) {
        EnumSet<Capability> required = EnumSet.noneOf(Capability.class);
        if (!email.cc().isEmpty()) {
            required.add(Capability.EMAIL_CC);
        }
        if (!email.bcc().isEmpty()) {
            required.add(Capability.EMAIL_BCC);
        }
        if (!email.replyTo().isEmpty()) {
            required.add(Capability.EMAIL_REPLY_TO);
        }
        if (!email.tags().isEmpty()) {
            required.add(Capability.EMAIL_TAGS);
        }
        if (!email.headers().isEmpty()) {
            required.add(Capability.EMAIL_HEADERS);
        }
        Fingerprint f = new Fingerprint().add("channel", "email").add("from", email.from().orElse(null))
                .add("subject", email.subject()).add("text", email.text().orElse(null)).add("html", email.html().orElse(null));
        for (EmailAddress a : email.to()) {
            f.add("to", a);
        }
        for (EmailAddress a : email.cc()) {
            f.add("cc", a);
        }
        for (EmailAddress a : email.bcc()) {
            f.add("bcc", a);
        }
        for (EmailAddress a : email.replyTo()) {
            f.add("replyTo", a);
        }
        for (Map.Entry<String, String> e : email.tags().entrySet()) {
            f.add("tag:" + e.getKey(), e.getValue());
        }
        for (Map.Entry<String, String> e : email.headers().entrySet()) {
            f.add("header:" + e.getKey(), e.getValue());
        }
        return new Plan(Usage.email(email.recipientCount()), "ZZ", null, required, f::sha256);
    }

    @Override
    public void check(ProviderChannel impl, Email email) {
        ((EmailSender) impl).check(email);
    }

    @Override
    public java.util.List<String> recipients(Email email) {
        return java.util.stream.Stream.of(email.to(), email.cc(), email.bcc()).flatMap(java.util.List::stream).map(a -> a.address().toLowerCase(java.util.Locale.ROOT)).toList();
    }

    @Override
    public String recipient(Email email) {
        return email.to().get(0).address();
    }

    @Override
    public String content(Email email) {
        return email.subject();
    }

    @Override
    public EmailResult call(ProviderChannel impl, Email email, SendContext context) {
        return ((EmailSender) impl).send(email, context);
    }

    @Override
    public Usage actual(Email email, Plan plan, EmailResult result) {
        return plan.estimate();
    }

    @Override
    public EmailReceipt receipt(ReceiptBase b, Email email, Plan plan, EmailResult r, Billing billing) {
        return new EmailReceipt(b.id(), b.account(), b.mode(), b.provider(), r.providerMessageId(), r.status(), b.attempts(),
                billing, b.timestamp(), email.recipientCount());
    }
}
