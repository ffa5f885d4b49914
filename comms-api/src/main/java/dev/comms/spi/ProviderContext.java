package dev.comms.spi;

import java.time.Clock;
import java.util.Optional;

/**
 * What the facade hands a provider when it creates the provider's channels.
 *
 * <p>Thread-safety: immutable.
 */
public interface ProviderContext {
    /** @return the provider's id */
    String providerId();

    /** @return the facade's configuration */
    Config config();

    /** @return the facade's clock (a test can control it) */
    Clock clock();

    /**
     * Reads the provider's own key: {@code setting("account-sid")} reads {@code comms.<id>.account-sid}.
     *
     * @param name the key after the provider prefix
     * @return the value, if set
     */
    default Optional<String> setting(String name) {
        return config().get("comms." + providerId() + "." + name);
    }

    /**
     * Reads a required key of the provider's own.
     *
     * @param name the key after the provider prefix
     * @return the value
     * @throws dev.comms.CommsConfigurationException if unset
     */
    default String requireSetting(String name) {
        return config().require("comms." + providerId() + "." + name);
    }
}
