package dev.comms.internal;

import dev.comms.spi.Capability;
import dev.comms.spi.ProviderChannel;

/**
 * One provider's implementation of one channel, with its health and breaker.
 *
 * @param id the provider id
 * @param impl the channel implementation
 * @param stats health and circuit
 */
public record Route(String id, ProviderChannel impl, ProviderStats stats) {
    /**
     * @param c a capability
     * @return whether the provider declares it
     */
    public boolean supports(Capability c) {
        return impl.capabilities().contains(c);
    }
}
