package dev.comms.spi;

import dev.comms.event.DeliveryEvent;
import dev.comms.event.InboundMessage;
import dev.comms.event.WebhookRequest;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A provider's webhooks: verification against the raw request, and parsing into Comms' one event
 * model. The facade's {@code comms.events().handle(providerId, request)} calls {@link #verify} first
 * and never parses what failed it.
 *
 * <pre>{@code
 * Verification v = handler.verify(request, clock.instant());
 * if (v instanceof Verification.Refused r) return 401;   // r.reason() says which check failed
 * Payload p = handler.parse(request);
 * }</pre>
 *
 * <p>Thread-safety: implementations must be safe for concurrent use. Compare signatures in constant
 * time, accept timestamps within 300 seconds either way of {@code now}, read header names
 * case-insensitively ({@link WebhookRequest#header}).
 */
public interface WebhookHandler {
    /**
     * Checks the request's signature.
     *
     * @param request the request as received
     * @param now the facade's clock
     * @return verified, or refused with a reason that names the failed check (never the secret)
     */
    Verification verify(WebhookRequest request, Instant now);

    /**
     * Reads a verified request.
     *
     * @param request the request
     * @return the delivery events and inbound messages it carries (a SendGrid post carries several)
     * @throws IllegalArgumentException if the body cannot be read
     */
    Payload parse(WebhookRequest request);

    /** The answer of {@link #verify}. */
    sealed interface Verification {
        /** The signature holds. */
        record Verified() implements Verification {
        }

        /**
         * The request must be refused.
         *
         * @param reason which check failed: "missing X-Twilio-Signature header", "timestamp 412 s from now", ...
         */
        record Refused(String reason) implements Verification {
            /**
             * Checks the reason.
             *
             * @param reason which check failed
             */
            public Refused {
                Objects.requireNonNull(reason, "reason");
            }
        }
    }

    /**
     * What a verified request carries.
     *
     * @param events delivery events, in payload order
     * @param inbound inbound messages
     */
    record Payload(List<DeliveryEvent> events, List<InboundMessage> inbound) {
        /**
         * Copies the lists.
         *
         * @param events delivery events
         * @param inbound inbound messages
         */
        public Payload {
            events = List.copyOf(events);
            inbound = List.copyOf(inbound);
        }
    }
}
