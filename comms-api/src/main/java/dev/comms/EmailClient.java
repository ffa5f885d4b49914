package dev.comms;

/**
 * Sends email. {@code comms.email().send(Email.to("ada@example.com").subject("Hi").text("Hello").build())}.
 *
 * <p>Thread-safety: safe for concurrent use.
 */
public interface EmailClient extends ChannelClient<Email, EmailReceipt> {
    /**
     * Sends many emails through the provider's own batch API where it has one (Resend: up to 100 per
     * request), each email still validated, limited, metered and made idempotent on its own: an account
     * funded for part of the batch sends what it can pay for, and a retried batch with the same key
     * sends only what did not go (a key per email, {@code key:index}). A batch request that certainly
     * sent nothing is retried email by email; one whose outcome is unknown leaves every email in it
     * {@code DELIVERY_UNKNOWN} (never re-sent one by one). Without a batch API the emails are sent one
     * request each, several at a time.
     *
     * <pre>{@code
     * BulkResult<EmailReceipt> r = comms.email().sendBatch(invoices, SendOptions.idempotencyKey("invoices-2026-12"));
     * r.sent(); r.failures();   // by index in the list
     * }</pre>
     *
     * @param emails the emails
     * @param options per-send options; a key becomes one key per email
     * @return receipts in input order and failures by index
     */
    BulkResult<EmailReceipt> sendBatch(java.util.List<Email> emails, SendOptions options);
}
