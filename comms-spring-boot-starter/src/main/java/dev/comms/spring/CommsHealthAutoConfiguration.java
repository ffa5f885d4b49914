package dev.comms.spring;

import dev.comms.Channel;
import dev.comms.Comms;
import dev.comms.CommsConfigurationException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.contributor.CompositeHealthContributor;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Actuator health for the {@link Comms} bean: a {@code comms} component with one
 * {@link CommsHealthIndicator} per channel ({@code /actuator/health/comms/sms}).
 */
@AutoConfiguration(after = CommsAutoConfiguration.class)
@ConditionalOnClass({Comms.class, HealthIndicator.class})
@ConditionalOnBean(Comms.class)
public class CommsHealthAutoConfiguration {
    /** Creates the configuration (Spring does). */
    public CommsHealthAutoConfiguration() {
    }

    /**
     * @param comms the facade
     * @param properties the starter's settings ({@code comms.health.required-channels})
     * @return the {@code comms} health component
     * @throws CommsConfigurationException if a required channel is not email, sms, voice or ai
     */
    @Bean
    @ConditionalOnMissingBean(name = "commsHealthContributor")
    public CompositeHealthContributor commsHealthContributor(Comms comms, CommsProperties properties) {
        Set<Channel> required;
        try {
            required = properties.getHealth().getRequiredChannels().stream().map(String::strip).map(Channel::fromKey)
                    .collect(Collectors.toSet());
        } catch (IllegalArgumentException e) {
            throw new CommsConfigurationException("comms.health.required-channels: " + e.getMessage());
        }
        Map<String, HealthIndicator> channels = new LinkedHashMap<>();
        for (Channel c : Channel.values()) {
            channels.put(c.key(), new CommsHealthIndicator(comms, c, required.contains(c)));
        }
        return CompositeHealthContributor.fromMap(channels);
    }
}
