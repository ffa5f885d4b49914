package dev.comms.micrometer;

import dev.comms.ChannelHealth;
import dev.comms.Comms;
import dev.comms.Health;
import dev.comms.HealthState;
import dev.comms.ProviderHealth;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.Objects;

/**
 * Gauges read from {@link Comms#health()} when the registry is scraped:
 *
 * <ul>
 *   <li>{@code comms.circuit.state}, tags {@code channel} and {@code provider}: 0 closed, 1 half-open,
 *       2 open, for every provider the facade routes to (in its default mode);</li>
 *   <li>{@code comms.channel.state}, tag {@code channel}: 0 healthy, 1 degraded, 2 down, 3 not
 *       configured.</li>
 * </ul>
 *
 * <pre>{@code
 * new CommsHealthMetrics(comms).bindTo(registry);
 * }</pre>
 *
 * <p>The providers of a facade are fixed when it is built, so the gauges are registered once. One
 * health snapshot serves every gauge for a second, so a scrape costs one {@code health()} call.
 * Comms' public API does not expose the number of sends in flight, so there is no in-flight gauge.
 * Thread-safety: safe to scrape concurrently.
 */
public final class CommsHealthMetrics implements MeterBinder {
    /** The circuit state gauge's name. */
    public static final String CIRCUIT_STATE = "comms.circuit.state";
    /** The channel state gauge's name. */
    public static final String CHANNEL_STATE = "comms.channel.state";

    private final Comms comms;
    private final long ttlNanos;
    private volatile Health snapshot;
    private volatile long takenAt;

    /** @param comms the facade whose health to read */
    public CommsHealthMetrics(Comms comms) {
        this(comms, Duration.ofSeconds(1));
    }

    CommsHealthMetrics(Comms comms, Duration snapshotTtl) {
        this.comms = Objects.requireNonNull(comms, "comms");
        this.ttlNanos = snapshotTtl.toNanos();
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (ChannelHealth channel : comms.health().channels()) {
            String key = channel.channel().key();
            Gauge.builder(CHANNEL_STATE, this, m -> state(m.health().channel(channel.channel()).state()))
                    .description("0 healthy, 1 degraded, 2 down, 3 not configured").tag("channel", key).register(registry);
            for (ProviderHealth provider : channel.providers()) {
                String id = provider.provider();
                Gauge.builder(CIRCUIT_STATE, this, m -> m.circuit(channel.channel(), id))
                        .description("0 closed, 1 half-open, 2 open").tags("channel", key, "provider", id).register(registry);
            }
        }
    }

    private double circuit(dev.comms.Channel channel, String provider) {
        for (ProviderHealth p : health().channel(channel).providers()) {
            if (p.provider().equals(provider)) {
                return switch (p.circuit()) {
                    case "open" -> 2;
                    case "half-open" -> 1;
                    default -> 0;
                };
            }
        }
        return Double.NaN;
    }

    private static double state(HealthState state) {
        return switch (state) {
            case HEALTHY -> 0;
            case DEGRADED -> 1;
            case DOWN -> 2;
            case NOT_CONFIGURED -> 3;
        };
    }

    private Health health() {
        long now = System.nanoTime();
        Health h = snapshot;
        if (h == null || now - takenAt >= ttlNanos) {
            h = comms.health();
            snapshot = h;
            takenAt = now;
        }
        return h;
    }
}
