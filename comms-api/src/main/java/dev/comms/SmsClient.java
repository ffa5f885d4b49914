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

    /**
     * Sends one message to many numbers, each through the whole pipeline (validated, limited, metered
     * and sent on its own), several at a time on the facade's executor (at most the channel's
     * concurrency limit, 8 when none is set). Numbers may be E.164 or carry a country code without
     * {@code +} ({@code 4571999999}). An account funded for part of the list sends what it can pay
     * for; every number that failed is named with its reason.
     *
     * <pre>{@code
     * SmsBulkResult r = comms.sms().sendToMany(List.of("+447123456789", "4571999999"),
     *         Sms.to("+447123456789").body("Doors open at 7").from("Acme").build(), SendOptions.idempotencyKey("event-42"));
     * r.sent(); r.failedNumbers();   // {"4571999999": INVALID_PHONE ...} for a number that does not exist
     * }</pre>
     *
     * @param numbers the recipients
     * @param template the message; its own recipient is replaced by each number
     * @param options per-send options; a key becomes one key per recipient ({@code key:+E164}), so a
     *     retried batch sends only to those that did not get it
     * @return receipts and failures
     */
    SmsBulkResult sendToMany(java.util.List<String> numbers, Sms template, SendOptions options);
}
