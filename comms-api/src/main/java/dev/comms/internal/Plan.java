package dev.comms.internal;

import dev.comms.SmsSegments;
import dev.comms.spi.Capability;
import dev.comms.spi.Usage;
import java.time.Duration;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * What stage 2 (plan) works out before anything is reserved or sent. The fingerprint (a SHA-256 of
 * the canonical request) is computed on first use only: a send without an idempotency key on a facade
 * without a credit meter never needs it, and it was a large part of such a send's own cost.
 *
 * @param estimate the billable usage to reserve for
 * @param region the destination's ISO region for per-country prices, or {@code ZZ}
 * @param segments the SMS segments, or null for other channels
 * @param required the capabilities the message needs of its provider
 * @param fingerprintSource computes the SHA-256 of the canonical request; called at most once
 * @param afterSend how long what the hold protects lasts after the send returns: a call's ring timeout
 *     plus the longest call; zero for the other channels
 */
public record Plan(Usage estimate, String region, SmsSegments segments, Set<Capability> required, Supplier<String> fingerprintSource,
        Duration afterSend) {
    /** Keeps the source, computed once on first use. */
    public Plan {
        fingerprintSource = Once.of(fingerprintSource);
    }

    /**
     * A plan for a channel whose hold ends with the send.
     *
     * @param estimate the billable usage
     * @param region the destination's region
     * @param segments the SMS segments, or null
     * @param required the capabilities needed
     * @param fingerprintSource computes the request's fingerprint, on first use
     */
    public Plan(Usage estimate, String region, SmsSegments segments, Set<Capability> required, Supplier<String> fingerprintSource) {
        this(estimate, region, segments, required, fingerprintSource, Duration.ZERO);
    }

    /** @return the SHA-256 of the canonical request, computed on the first call */
    public String fingerprint() {
        return fingerprintSource.get();
    }

    /** A supplier that computes its value once; a race computes it twice, which is harmless (same value). */
    private static final class Once implements Supplier<String> {
        private final Supplier<String> source;
        private volatile String value;

        private Once(Supplier<String> source) {
            this.source = source;
        }

        static Supplier<String> of(Supplier<String> source) {
            Objects.requireNonNull(source, "fingerprintSource");
            return source instanceof Once ? source : new Once(source);
        }

        @Override
        public String get() {
            String v = value;
            if (v == null) {
                v = source.get();
                value = v;
            }
            return v;
        }
    }
}
