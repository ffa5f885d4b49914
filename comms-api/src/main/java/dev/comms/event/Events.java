package dev.comms.event;

import java.util.Optional;

/**
 * Delivery events in the facade ({@code comms.events()}): verified provider webhooks, processed once,
 * never moving a message backwards, and acted on: a completed call settles its hold at the price per
 * started minute, a call that never connected returns its hold, a delivery report settles a send whose
 * outcome was unknown. Listeners hear every event that moved a message forward ({@code onEvent}) and
 * every inbound message ({@code onInbound}).
 *
 * <pre>{@code
 * // in any framework's endpoint: the raw body, the full URL as received, the headers
 * WebhookOutcome o = comms.events().handle("twilio", new WebhookRequest("POST", fullUrl, headers, rawBody));
 * return o.status();   // 200, or 401 with o.reason()
 * }</pre>
 *
 * <p>Thread-safety: safe for concurrent use; the same event delivered many times at once is processed once.
 */
public interface Events {
    /**
     * Verifies, reads, deduplicates and processes one webhook.
     *
     * @param providerId the provider that called ({@code twilio}, {@code sendgrid}, {@code resend}, {@code fake})
     * @param request the request as received
     * @return what was done, and the HTTP status to answer with
     */
    WebhookOutcome handle(String providerId, WebhookRequest request);

    /**
     * Processes an event that needs no signature check (a status lookup, a trusted internal source), as
     * a verified webhook's would be.
     *
     * @param event the event
     * @return true if it moved its message forward (false for a duplicate or a step back)
     */
    boolean process(DeliveryEvent event);

    /**
     * Reports an inbound message that arrived through a trusted route of the application's own (a
     * custom channel's incoming message), deduplicated by (provider, message id) as a verified
     * webhook's would be.
     *
     * @param message the message
     * @return true the first time, false for a duplicate
     */
    boolean receive(InboundMessage message);

    /**
     * @param messageId Comms' message id
     * @return where the message stands, if any event arrived for it
     */
    Optional<EventStatus> status(String messageId);
}
