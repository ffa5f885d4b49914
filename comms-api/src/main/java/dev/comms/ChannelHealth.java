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
 */
public record ChannelHealth(Channel channel, boolean configured, HealthState state, List<ProviderHealth> providers,
        long totalErrors) {
    /**
     * Copies the list.
     *
     * @param channel the channel
     * @param configured whether any provider serves it in the facade's mode
     * @param state the channel's state
     * @param providers its providers in failover order
     * @param totalErrors failed provider calls over all its providers
     */
    public ChannelHealth {
        providers = List.copyOf(providers);
    }

    /** @return this as JSON */
    public String toJson() {
        return Json.write(this);
    }
}
