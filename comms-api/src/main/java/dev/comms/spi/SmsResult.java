package dev.comms.spi;

import dev.comms.DeliveryStatus;
import java.util.Objects;

/**
 * What a provider returns for an accepted SMS.
 *
 * @param providerMessageId the provider's id for the message
 * @param status usually {@link DeliveryStatus#QUEUED}
 * @param providerSegments the segments the provider reports, or 0 when it does not say (yet)
 */
public record SmsResult(String providerMessageId, DeliveryStatus status, int providerSegments) {
    /**
     * Checks the components.
     *
     * @param providerMessageId the provider's id for the message
     * @param status usually {@link DeliveryStatus#QUEUED}
     * @param providerSegments the segments the provider reports, or 0 when it does not say (yet)
     */
    public SmsResult {
        Objects.requireNonNull(providerMessageId, "providerMessageId");
        Objects.requireNonNull(status, "status");
    }
}
