package dev.comms.spring;

import dev.comms.Comms;
import dev.comms.micrometer.CommsHealthMetrics;
import dev.comms.micrometer.CommsMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.observation.ObservationRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Records the {@code comms.*} meters of comms-micrometer when the context has a {@link MeterRegistry}
 * (Spring Boot's metrics auto-configuration makes one with Actuator): a {@link CommsMetrics} listener
 * (with an Observation per send when there is an {@link ObservationRegistry}) and the circuit and
 * channel gauges of the auto-configured {@link Comms}. Off with {@code comms.metrics.enabled=false}.
 */
@AutoConfiguration(after = CommsAutoConfiguration.class, afterName = {
        "org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration",
        "org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration",
        "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration"})
@ConditionalOnClass({Comms.class, MeterRegistry.class, CommsMetrics.class})
@ConditionalOnBean(MeterRegistry.class)
@ConditionalOnBooleanProperty(name = "comms.metrics.enabled", matchIfMissing = true)
public class CommsMetricsAutoConfiguration {
    /** Creates the configuration (Spring does). */
    public CommsMetricsAutoConfiguration() {
    }

    /**
     * @param registry the application's meter registry
     * @param observations the application's observation registry, if any
     * @param properties the starter's settings
     * @return the listener the facade reports to
     */
    @Bean
    @ConditionalOnMissingBean
    public CommsMetrics commsMetrics(MeterRegistry registry, ObjectProvider<ObservationRegistry> observations, CommsProperties properties) {
        CommsMetrics.Builder b = CommsMetrics.builder(registry);
        if (properties.getMetrics().getAccountTags() > 0) {
            b.accountTags(properties.getMetrics().getAccountTags());
        }
        if (properties.getMetrics().isObservations()) {
            observations.ifUnique(b::observations);
        }
        return b.build();
    }

    /**
     * @param comms the facade
     * @return its circuit and channel gauges, bound by Spring Boot to every registry
     */
    @Bean
    @ConditionalOnMissingBean
    @ConditionalOnBean(Comms.class)
    public CommsHealthMetrics commsHealthMetrics(Comms comms) {
        return new CommsHealthMetrics(comms);
    }
}
