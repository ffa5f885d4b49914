package dev.comms.spi;

import dev.comms.ProviderException;
import dev.comms.Sms;

/**
 * Sends SMS through one provider. The message arrives validated, in E.164, with the sender filled
 * in from configuration where the caller gave none.
 *
 * <pre>{@code
 * public SmsResult send(Sms sms, SendContext context) {
 *     Message m = Message.creator(new PhoneNumber(sms.to().e164()), from, sms.body()).create(client);
 *     return new SmsResult(m.getSid(), DeliveryStatus.QUEUED, 0);
 * }
 * }</pre>
 *
 * <p>Thread-safety: implementations must be safe for concurrent use. Make exactly one request per
 * call and never retry inside: the pipeline owns retries.
 */
public interface SmsSender extends ProviderChannel {
    /**
     * Sends one message.
     *
     * @param sms the message
     * @param context ids, account and timeout of this attempt
     * @return the provider's answer
     * @throws ProviderException classified {@link dev.comms.FailureClass#NOT_SENT NOT_SENT},
     *     {@link dev.comms.FailureClass#AMBIGUOUS AMBIGUOUS} or {@link dev.comms.FailureClass#PERMANENT PERMANENT}
     */
    SmsResult send(Sms sms, SendContext context);

    /**
     * Checks, before anything is held or sent, that this provider can send the message as given:
     * its own limits (SendGrid takes one reply-to, at most ten categories) and features. The facade
     * calls it while planning, so a message this provider cannot take skips it in the failover chain,
     * or is refused with a clear error when no provider can take it.
     *
     * @param sms the validated message
     * @throws dev.comms.UnsupportedFeatureException if a feature is not supported
     * @throws dev.comms.InvalidMessageException if a field is outside this provider's limits
     */
    default void check(Sms sms) {
    }
}
