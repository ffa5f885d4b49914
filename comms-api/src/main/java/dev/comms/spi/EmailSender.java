package dev.comms.spi;

import dev.comms.Email;
import dev.comms.ProviderException;
import java.util.ArrayList;
import java.util.List;

/**
 * Sends email through one provider. The message arrives validated, with the sender filled in from
 * configuration where the caller gave none.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use. Make exactly one request per
 * call and never retry inside: the pipeline owns retries.
 */
public interface EmailSender extends ProviderChannel {
    /**
     * Sends one email.
     *
     * @param email the message
     * @param context ids, account and timeout of this attempt
     * @return the provider's answer
     * @throws ProviderException classified as NOT_SENT, AMBIGUOUS or PERMANENT
     */
    EmailResult send(Email email, SendContext context);

    /**
     * Sends several emails, in one request where the provider supports it (declare
     * {@link Capability#EMAIL_BATCH}); by default one request each.
     *
     * @param emails the messages
     * @param context ids of the batch (the idempotency key covers the whole batch)
     * @return one result per email, in order
     * @throws ProviderException if the batch failed as a whole
     */
    default List<EmailResult> sendBatch(List<Email> emails, SendContext context) {
        List<EmailResult> results = new ArrayList<>(emails.size());
        for (int i = 0; i < emails.size(); i++) {
            String id = context.messageId() + "-" + i;
            results.add(send(emails.get(i), new SendContext(id, context.idempotencyKey() + "-" + i,
                    context.account(), context.mode(), context.attempt(), context.timeout())));
        }
        return results;
    }

    /**
     * Checks, before anything is held or sent, that this provider can send the message as given:
     * its own limits (SendGrid takes one reply-to, at most ten categories) and features. The facade
     * calls it while planning, so a message this provider cannot take skips it in the failover chain,
     * or is refused with a clear error when no provider can take it.
     *
     * @param email the validated message
     * @throws dev.comms.UnsupportedFeatureException if a feature is not supported
     * @throws dev.comms.InvalidMessageException if a field is outside this provider's limits
     */
    default void check(Email email) {
    }
}
