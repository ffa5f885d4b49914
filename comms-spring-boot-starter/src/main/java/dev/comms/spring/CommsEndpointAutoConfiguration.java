package dev.comms.spring;

import dev.comms.Comms;
import dev.comms.Version;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.info.InfoContributor;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * The {@code comms} Actuator endpoint ({@link CommsEndpoint}) and a {@code comms} entry in
 * {@code /actuator/info} (version, mode and providers; no settings).
 */
@AutoConfiguration(after = CommsAutoConfiguration.class)
@ConditionalOnClass({Comms.class, Endpoint.class})
@ConditionalOnBean(Comms.class)
public class CommsEndpointAutoConfiguration {
    /** Creates the configuration (Spring does). */
    public CommsEndpointAutoConfiguration() {
    }

    /**
     * @param comms the facade
     * @return the endpoint
     */
    @Bean
    @ConditionalOnMissingBean
    public CommsEndpoint commsEndpoint(Comms comms) {
        return new CommsEndpoint(comms);
    }

    /**
     * @param comms the facade
     * @return the info contributor
     */
    @Bean
    @ConditionalOnMissingBean(name = "commsInfoContributor")
    public InfoContributor commsInfoContributor(Comms comms) {
        return builder -> {
            Version v = comms.version();
            Map<String, Object> info = new LinkedHashMap<>();
            info.put("version", v.version());
            info.put("mode", comms.mode().name().toLowerCase(java.util.Locale.ROOT));
            List<Map<String, Object>> providers = v.providers().stream().map(p -> {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", p.id());
                m.put("version", p.version());
                m.put("channels", p.channels().stream().map(c -> c.key()).sorted().toList());
                m.put("configured", p.configured());
                return m;
            }).toList();
            info.put("providers", providers);
            builder.withDetail("comms", info);
        };
    }
}
