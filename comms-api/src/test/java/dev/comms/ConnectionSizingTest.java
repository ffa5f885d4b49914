package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.spi.Config;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.HttpProviders;
import dev.comms.spi.ProviderContext;
import java.time.Clock;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** {@link HttpProviders#concurrency} and {@link HttpProviders#connections}: pools sized from what the facade lets run at once. */
class ConnectionSizingTest {
    private static final ConfigKey MAX = ConfigKey.optional("comms.x.max-connections", "pool", "64");
    private static final Set<Channel> SMS = EnumSet.of(Channel.SMS);

    private static ProviderContext context(Map<String, String> settings) {
        Config config = new Config() {
            @Override
            public Optional<String> get(String key) {
                return Optional.ofNullable(settings.get(key));
            }

            @Override
            public Set<String> keys() {
                return settings.keySet();
            }
        };
        return new ProviderContext() {
            @Override
            public String providerId() {
                return "x";
            }

            @Override
            public Config config() {
                return config;
            }

            @Override
            public Clock clock() {
                return Clock.systemUTC();
            }
        };
    }

    @Test
    void defaultIsTheAsyncThreadsAtLeastTheFloor() {
        assertThat(HttpProviders.concurrency(context(Map.of()), SMS)).isEqualTo(64);
        assertThat(HttpProviders.connections(context(Map.of()), MAX, SMS, 64)).isEqualTo(64);
        assertThat(HttpProviders.connections(context(Map.of("comms.async.threads", "200")), MAX, SMS, 64)).isEqualTo(200);
        assertThat(HttpProviders.connections(context(Map.of("comms.async.threads", "8")), MAX, SMS, 64)).isEqualTo(64);
    }

    @Test
    void followsTheLargestConcurrencyCapOfThePoolsChannels() {
        Map<String, String> caps = Map.of("comms.limits.sms.concurrency", "150", "comms.limits.account.acme.sms.concurrency", "300",
                "comms.limits.email.concurrency", "500");
        assertThat(HttpProviders.connections(context(caps), MAX, SMS, 64)).isEqualTo(300);
        assertThat(HttpProviders.connections(context(caps), MAX, EnumSet.of(Channel.SMS, Channel.EMAIL), 64)).isEqualTo(500);
        assertThat(HttpProviders.connections(context(caps), MAX, EnumSet.of(Channel.VOICE), 64)).isEqualTo(64);
        // the hosted preset's caps (SMS 50) are below the default threads
        assertThat(HttpProviders.connections(context(Map.of("comms.limits.preset", "hosted")), MAX, SMS, 64)).isEqualTo(64);
    }

    @Test
    void theSettingWins() {
        assertThat(HttpProviders.connections(context(Map.of("comms.x.max-connections", "7", "comms.async.threads", "200")), MAX, SMS, 64))
                .isEqualTo(7);
        assertThatThrownBy(() -> HttpProviders.connections(context(Map.of("comms.x.max-connections", "0")), MAX, SMS, 64))
                .isInstanceOf(CommsConfigurationException.class).hasMessageContaining("comms.x.max-connections");
    }

    @Test
    void invalidFacadeSettingsAreLeftToTheFacadeToReport() {
        assertThat(HttpProviders.connections(context(Map.of("comms.async.threads", "many", "comms.limits.sms.concurrency", "lots")), MAX,
                SMS, 64)).isEqualTo(64);
    }
}
