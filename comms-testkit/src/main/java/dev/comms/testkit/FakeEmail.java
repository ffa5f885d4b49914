package dev.comms.testkit;

import dev.comms.Channel;
import dev.comms.DeliveryStatus;
import dev.comms.Email;
import dev.comms.EmailAddress;
import dev.comms.spi.Capability;
import dev.comms.spi.EmailResult;
import dev.comms.spi.EmailSender;
import dev.comms.spi.SendContext;
import java.util.EnumSet;
import java.util.stream.Stream;

/**
 * The fake email provider. A magic address anywhere among to, cc and bcc decides the outcome.
 */
public final class FakeEmail extends FakeChannel<Email, EmailResult> implements EmailSender {
    FakeEmail() {
        super(Channel.EMAIL, "fake-email-", EnumSet.of(Capability.EMAIL_CC, Capability.EMAIL_BCC, Capability.EMAIL_REPLY_TO,
                Capability.EMAIL_TAGS, Capability.EMAIL_HEADERS, Capability.EMAIL_BATCH, Capability.IDEMPOTENCY_KEY));
    }

    @Override
    public EmailResult send(Email email, SendContext context) {
        return handle(email, context, id -> new EmailResult(id, DeliveryStatus.SENT));
    }

    /** One request for the whole batch, as Resend's batch endpoint is; the script decides it as a whole. */
    @Override
    public java.util.List<EmailResult> sendBatch(java.util.List<Email> emails, SendContext context) {
        return handleBatch(emails, context, id -> new EmailResult(id, DeliveryStatus.SENT));
    }

    @Override
    String[] recipientAndContent(Email email) {
        return new String[] {email.to().get(0).address(), email.subject()};
    }

    @Override
    Outcome magic(Email email) {
        return Stream.of(email.to(), email.cc(), email.bcc()).flatMap(java.util.List::stream).map(EmailAddress::address)
                .map(MagicRecipients::forEmail).filter(java.util.Objects::nonNull).findFirst().orElse(null);
    }

    @Override
    public String toString() {
        return "FakeEmail[sent=" + sent().size() + ", requests=" + requests() + "]";
    }
}
