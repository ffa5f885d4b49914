package dev.comms;

/** How a provider, a channel or the whole facade is doing. */
public enum HealthState {
    /** Working. */
    HEALTHY,
    /** Working with recent errors, an open circuit on some provider, or a channel not configured. */
    DEGRADED,
    /** Every provider of the channel has an open circuit. */
    DOWN,
    /** No provider for the channel. */
    NOT_CONFIGURED
}
