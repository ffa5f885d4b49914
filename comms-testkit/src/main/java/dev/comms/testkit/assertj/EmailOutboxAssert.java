package dev.comms.testkit.assertj;

import dev.comms.Email;
import dev.comms.EmailAddress;
import dev.comms.testkit.FakeEmail;

/** Assertions over the fake email outbox. */
public final class EmailOutboxAssert extends OutboxAssert<EmailOutboxAssert, Email> {
    EmailOutboxAssert(FakeEmail actual) {
        super(actual, EmailOutboxAssert.class);
    }

    /**
     * @param address an address the last email's to list must contain
     * @return this
     */
    public EmailOutboxAssert lastTo(String address) {
        if (last().to().stream().map(EmailAddress::address).noneMatch(a -> a.equalsIgnoreCase(address))) {
            failWithMessage("Expected the last email to go to %s but it went to %s", address, last().to());
        }
        return this;
    }

    /**
     * @param subject the expected subject
     * @return this
     */
    public EmailOutboxAssert lastSubject(String subject) {
        if (!last().subject().equals(subject)) {
            failWithMessage("Expected the last email's subject to be <%s> but it was <%s>", subject, last().subject());
        }
        return this;
    }
}
