package dev.comms.testkit;

import dev.comms.spi.Config;
import dev.comms.spi.ProviderContext;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Provider contexts for testing a provider on its own, outside the facade (its contract test).
 *
 * <pre>{@code
 * SmsSender sender = new TwilioProvider().smsSender(ProviderContexts.of("twilio", Map.of(
 *         "comms.twilio.account-sid", "AC123", "comms.twilio.auth-token", "secret",
 *         "comms.twilio.base-url", stub.baseUrl())));
 * }</pre>
 */
public final class ProviderContexts {
    private ProviderContexts() {
    }

    /**
     * @param providerId the provider's id
     * @param settings its settings ({@code comms.<id>.*})
     * @return a context on the system clock
     */
    public static ProviderContext of(String providerId, Map<String, String> settings) {
        return of(providerId, settings, Clock.systemUTC());
    }

    /**
     * @param providerId the provider's id
     * @param settings its settings
     * @param clock the clock
     * @return a context
     */
    public static ProviderContext of(String providerId, Map<String, String> settings, Clock clock) {
        Map<String, String> copy = new TreeMap<>(settings);
        Config config = new Config() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(copy.get(key));
            }

            @Override
            public Set<String> keys() {
                return copy.keySet();
            }

            @Override
            public String toString() {
                return "Config" + copy.keySet();
            }
        };
        return new ProviderContext() {
            @Override
            public String providerId() {
                return providerId;
            }

            @Override
            public Config config() {
                return config;
            }

            @Override
            public Clock clock() {
                return clock;
            }
        };
    }
}
