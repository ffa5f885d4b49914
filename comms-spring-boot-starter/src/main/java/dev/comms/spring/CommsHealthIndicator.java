package dev.comms.spring;

import dev.comms.Channel;
import dev.comms.ChannelHealth;
import dev.comms.Comms;
import dev.comms.HealthState;
import dev.comms.ProviderHealth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The health of one channel, from {@link Comms#health()}: {@code UP} when healthy, {@code DEGRADED}
 * (a status of its own, which Spring Boot answers with HTTP 200) when a provider's circuit is open or
 * half-open or its error rate is high, {@code DOWN} when the channel is required
 * ({@code comms.health.required-channels}) and has no provider, {@code UNKNOWN} when it has none and is
 * not required. Details: the mode, and per provider its circuit, requests, errors, error rate and
 * last failure; never a message or a recipient.
 */
public final class CommsHealthIndicator implements HealthIndicator {
    /** The status of a channel that works with reduced capacity (an open circuit, errors). */
    public static final Status DEGRADED = new Status("DEGRADED", "a provider's circuit is open or it is failing");

    private final Comms comms;
    private final Channel channel;
    private final boolean required;

    /**
     * @param comms the facade
     * @param channel the channel to report
     * @param required whether a missing provider is DOWN (else UNKNOWN)
     */
    public CommsHealthIndicator(Comms comms, Channel channel, boolean required) {
        this.comms = Objects.requireNonNull(comms, "comms");
        this.channel = Objects.requireNonNull(channel, "channel");
        this.required = required;
    }

    @Override
    public Health health() {
        ChannelHealth h = comms.health().channel(channel);
        Health.Builder b = new Health.Builder().withDetail("mode", comms.mode().name().toLowerCase(java.util.Locale.ROOT))
                .withDetail("configured", h.configured());
        if (!h.configured() || h.state() == HealthState.NOT_CONFIGURED) {
            return b.status(required ? Status.DOWN : Status.UNKNOWN)
                    .withDetail("reason", "no provider is configured for " + channel.key()).build();
        }
        List<Map<String, Object>> providers = new ArrayList<>();
        boolean circuitNotClosed = false;
        for (ProviderHealth p : h.providers()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("provider", p.provider());
            m.put("state", p.state().name());
            m.put("circuit", p.circuit());
            m.put("requests", p.requests());
            m.put("errors", p.errors());
            m.put("errorRate", p.errorRate());
            if (p.lastFailure() != null) {
                m.put("lastFailure", p.lastFailure().toString());
            }
            providers.add(m);
            circuitNotClosed |= !"closed".equals(p.circuit());
        }
        b.withDetail("providers", providers).withDetail("totalErrors", h.totalErrors());
        return b.status(h.state() == HealthState.HEALTHY && !circuitNotClosed ? Status.UP : DEGRADED).build();
    }
}
