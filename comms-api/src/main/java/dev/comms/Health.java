package dev.comms;

import dev.comms.internal.Json;
import java.time.Instant;
import java.util.List;

/**
 * The facade's health, the hosted service's {@code /health}: overall {@code HEALTHY} when every
 * channel is healthy, otherwise {@code DEGRADED}.
 *
 * @param state overall state
 * @param checkedAt when this was taken
 * @param channels every channel, configured or not
 */
public record Health(HealthState state, Instant checkedAt, List<ChannelHealth> channels) {
    /**
     * Copies the list.
     *
     * @param state overall state
     * @param checkedAt when this was taken
     * @param channels every channel, configured or not
     */
    public Health {
        channels = List.copyOf(channels);
    }

    /**
     * @param channel a channel
     * @return that channel's health
     */
    public ChannelHealth channel(Channel channel) {
        for (ChannelHealth c : channels) {
            if (c.channel() == channel) {
                return c;
            }
        }
        throw new IllegalArgumentException("no channel " + channel);
    }

    /** @return this as JSON */
    public String toJson() {
        return Json.write(this);
    }
}
