package dev.comms.event;

import java.util.List;
import java.util.Objects;

/**
 * What {@link Events#handle} did with one webhook, and the HTTP status to answer the provider with.
 *
 * @param status 200 when verified (processed or a duplicate), 401 when the signature failed, 400 when
 *     the body could not be read, 404 when no such provider takes webhooks here
 * @param reason why it was refused, empty when accepted
 * @param processed events that moved a message forward, in payload order
 * @param duplicates events seen before (processed once only)
 * @param ignored events that would have moved a message backwards (kept out)
 * @param inbound inbound messages reported (duplicates left out)
 */
public record WebhookOutcome(int status, String reason, List<DeliveryEvent> processed, int duplicates, int ignored,
        List<InboundMessage> inbound) {
    /**
     * Copies the lists.
     *
     * @param status the HTTP status to answer with
     * @param reason why it was refused, or empty
     * @param processed events processed
     * @param duplicates duplicates
     * @param ignored events kept out
     * @param inbound inbound messages
     */
    public WebhookOutcome {
        Objects.requireNonNull(reason, "reason");
        processed = List.copyOf(processed);
        inbound = List.copyOf(inbound);
    }

    /** @return true if the webhook was verified (answer 2xx so the provider stops retrying) */
    public boolean accepted() {
        return status == 200;
    }
}
