package dev.comms;

import dev.comms.internal.Json;
import java.util.List;

/**
 * How one channel is doing: configured or not, and each of its providers in failover order.
 *
 * @param channel the channel
 * @param configured whether any provider serves it in the facade's mode
 * @param state the channel's state
 * @param providers its providers in failover order
 * @param totalErrors failed provider calls over all its providers
 * @param limits the limits in force on the channel, in-flight sends and recent refusals
 */
public record ChannelHealth(Channel channel, boolean configured, HealthState state, List<ProviderHealth> providers,
        long totalErrors, LimitsHealth limits) {
    /**
     * Copies the list.
     *
     * @param channel the channel
     * @param configured whether any provider serves it in the facade's mode
     * @param state the channel's state
     * @param providers its providers in failover order
     * @param totalErrors failed provider calls over all its providers
     * @param limits the limits in force on the channel
     */
    public ChannelHealth {
        providers = List.copyOf(providers);
        java.util.Objects.requireNonNull(limits, "limits");
    }

    /**
     * A channel's health without limits in force.
     *
     * @param channel the channel
     * @param configured whether any provider serves it
     * @param state the channel's state
     * @param providers its providers
     * @param totalErrors failed provider calls
     */
    public ChannelHealth(Channel channel, boolean configured, HealthState state, List<ProviderHealth> providers, long totalErrors) {
        this(channel, configured, state, providers, totalErrors, LimitsHealth.NONE);
    }

    /** @return this as JSON */
    public String toJson() {
        return Json.write(this);
    }
}
