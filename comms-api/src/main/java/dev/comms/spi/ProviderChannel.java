package dev.comms.spi;

import java.util.Set;

/**
 * What every channel implementation of a provider has in common.
 *
 * <p>Implementations must be thread-safe: one instance serves every send of the facade.
 */
public interface ProviderChannel extends AutoCloseable {
    /**
     * @return the provider's id, the same as its {@link CommsProvider#id()}
     */
    String id();

    /** @return the features this implementation supports */
    Set<Capability> capabilities();

    /** Releases clients and connections; called once when the facade closes. Must not throw. */
    @Override
    default void close() {
    }
}
