package dev.comms;

/**
 * Sends SMS. {@code comms.sms().send(Sms.to("+447123456789").body("Hi").build())}.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public interface SmsClient extends ChannelClient<Sms, SmsReceipt> {
    /**
     * Counts segments as a send would (with the facade's smart-encoding setting), without sending.
     *
     * @param body the text
     * @return encoding and segments
     */
    SmsSegments segments(String body);
}
