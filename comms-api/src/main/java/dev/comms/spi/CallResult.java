package dev.comms.spi;

import dev.comms.CallStatus;
import java.util.Objects;

/**
 * What a provider returns for a placed call.
 *
 * @param providerCallId the provider's call id
 * @param status the call's state when placed
 */
public record CallResult(String providerCallId, CallStatus status) {
    /**
     * Checks the components.
     *
     * @param providerCallId the provider's call id
     * @param status the call's state when placed
     */
    public CallResult {
        Objects.requireNonNull(providerCallId, "providerCallId");
        Objects.requireNonNull(status, "status");
    }
}
