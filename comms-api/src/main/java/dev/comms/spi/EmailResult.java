package dev.comms.spi;

import dev.comms.DeliveryStatus;
import java.util.Objects;

/**
 * What a provider returns for an accepted email.
 *
 * @param providerMessageId the provider's id for the message (may be empty if the provider gives none)
 * @param status usually {@link DeliveryStatus#QUEUED}
 */
public record EmailResult(String providerMessageId, DeliveryStatus status) {
    /**
     * Checks the components.
     *
     * @param providerMessageId the provider's id for the message (may be empty if the provider gives none)
     * @param status usually {@link DeliveryStatus#QUEUED}
     */
    public EmailResult {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(status, "status");
    }
}
