package dev.comms;

import dev.comms.internal.Json;
import java.time.Instant;
import java.util.List;

/**
 * How one provider is doing on one channel since the facade was built.
 *
 * @param provider the provider id
 * @param state {@link HealthState#HEALTHY}, {@link HealthState#DEGRADED} (recent error rate over 50%
 *     or circuit half-open) or {@link HealthState#DOWN} (circuit open)
 * @param circuit {@code closed}, {@code open} or {@code half-open}
 * @param requests provider calls made
 * @param errors provider calls that failed
 * @param errorRate the share of the last 100 calls that failed, 0 to 1
 * @param latencyP50Millis median latency of the last 1,024 calls, in milliseconds
 * @param latencyP99Millis 99th percentile latency of the last 1,024 calls, in milliseconds
 * @param lastSuccess when a call last succeeded, or null if never
 * @param lastFailure when a call last failed, or null if never
 * @param recentErrors the last ten failures, newest last
 */
public record ProviderHealth(String provider, HealthState state, String circuit, long requests, long errors,
        double errorRate, double latencyP50Millis, double latencyP99Millis, Instant lastSuccess, Instant lastFailure,
        List<RecentError> recentErrors) {
    /**
     * Copies the list.
     *
     * @param provider the provider id
     * @param state {@link HealthState#HEALTHY}, {@link HealthState#DEGRADED} (recent error rate over 50%
     *     or circuit half-open) or {@link HealthState#DOWN} (circuit open)
     * @param circuit {@code closed}, {@code open} or {@code half-open}
     * @param requests provider calls made
     * @param errors provider calls that failed
     * @param errorRate the share of the last 100 calls that failed, 0 to 1
     * @param latencyP50Millis median latency of the last 1,024 calls, in milliseconds
     * @param latencyP99Millis 99th percentile latency of the last 1,024 calls, in milliseconds
     * @param lastSuccess when a call last succeeded, or null if never
     * @param lastFailure when a call last failed, or null if never
     * @param recentErrors the last ten failures, newest last
     */
    public ProviderHealth {
        recentErrors = List.copyOf(recentErrors);
    }

    /**
     * One recent failure.
     *
     * @param at when
     * @param code the error code
     * @param providerCode the provider's own code, or empty
     * @param httpStatus the HTTP status, 0 if none
     * @param message the message (no secrets, no bodies, numbers masked)
     */
    public record RecentError(Instant at, String code, String providerCode, int httpStatus, String message) {
    }

    /** @return this as JSON */
    public String toJson() {
        return Json.write(this);
    }
}
