package dev.comms.internal;

import dev.comms.CommsException;
import dev.comms.HealthState;
import dev.comms.ProviderException;
import dev.comms.ProviderHealth;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.List;

/**
 * Health counters and the circuit breaker of one provider on one channel.
 *
 * <p>Guarded by its own monitor: the critical sections are a few array writes, which is noise
 * next to a network call, and a lock keeps the counters, rings and breaker state consistent with
 * each other.
 */
public final class ProviderStats {
    private static final int LATENCY_WINDOW = 1024;
    private static final int OUTCOME_WINDOW = 100;
    private static final int RECENT_ERRORS = 10;

    private final String provider;
    private final Clock clock;
    private final int failureThreshold;
    private final Duration openDuration;

    private long requests;
    private long errors;
    private final long[] latencies = new long[LATENCY_WINDOW];
    private int latencyCount;
    private final boolean[] outcomes = new boolean[OUTCOME_WINDOW];
    private int outcomeCount;
    private Instant lastSuccess;
    private Instant lastFailure;
    private final ArrayDeque<ProviderHealth.RecentError> recent = new ArrayDeque<>();

    private int consecutiveFailures;
    private Instant openedAt;
    private boolean trialInFlight;

    /**
     * @param provider the provider id
     * @param clock the facade's clock
     * @param failureThreshold consecutive failures that open the circuit
     * @param openDuration how long it stays open before one trial call
     */
    public ProviderStats(String provider, Clock clock, int failureThreshold, Duration openDuration) {
        this.provider = provider;
        this.clock = clock;
        this.failureThreshold = failureThreshold;
        this.openDuration = openDuration;
    }

    /** @return the provider id */
    public String provider() {
        return provider;
    }

    /**
     * Asks the breaker whether a call may go out now. A half-open circuit lets one trial through.
     *
     * @return true if the call may be made
     */
    public synchronized boolean tryAcquire() {
        if (openedAt == null) {
            return true;
        }
        if (clock.instant().isBefore(openedAt.plus(openDuration))) {
            return false;
        }
        if (trialInFlight) {
            return false;
        }
        trialInFlight = true;
        return true;
    }

    /**
     * Records a successful call; closes the circuit.
     *
     * @param latencyNanos how long it took
     */
    public synchronized void success(long latencyNanos) {
        requests++;
        latencies[latencyCount++ % LATENCY_WINDOW] = latencyNanos;
        outcomes[outcomeCount++ % OUTCOME_WINDOW] = true;
        lastSuccess = clock.instant();
        consecutiveFailures = 0;
        openedAt = null;
        trialInFlight = false;
    }

    /**
     * Records a failed call. Failures that say nothing about the provider's health (a permanent
     * refusal of one message) do not count towards opening the circuit.
     *
     * @param latencyNanos how long it took
     * @param error the failure
     * @param countsForCircuit whether it counts towards opening the circuit
     */
    public synchronized void failure(long latencyNanos, CommsException error, boolean countsForCircuit) {
        requests++;
        errors++;
        latencies[latencyCount++ % LATENCY_WINDOW] = latencyNanos;
        outcomes[outcomeCount++ % OUTCOME_WINDOW] = false;
        lastFailure = clock.instant();
        String providerCode = "";
        int http = 0;
        if (error instanceof ProviderException pe) {
            providerCode = pe.providerCode().orElse("");
            http = pe.httpStatus();
        }
        recent.addLast(new ProviderHealth.RecentError(lastFailure, error.code().name(), providerCode, http, error.getMessage()));
        while (recent.size() > RECENT_ERRORS) {
            recent.removeFirst();
        }
        if (trialInFlight) {
            trialInFlight = false;
            openedAt = lastFailure;
            return;
        }
        if (countsForCircuit && ++consecutiveFailures >= failureThreshold && openedAt == null) {
            openedAt = lastFailure;
        }
    }

    /** Releases a half-open trial that ended without a verdict on the provider. */
    public synchronized void releaseTrial() {
        trialInFlight = false;
    }

    /** @return the circuit's state: closed, open or half-open */
    public synchronized String circuit() {
        if (openedAt == null) {
            return "closed";
        }
        return clock.instant().isBefore(openedAt.plus(openDuration)) ? "open" : "half-open";
    }

    /** @return total failed calls */
    public synchronized long errors() {
        return errors;
    }

    /**
     * @return a snapshot for {@code health()}
     */
    public synchronized ProviderHealth snapshot() {
        int n = Math.min(latencyCount, LATENCY_WINDOW);
        long[] sorted = Arrays.copyOf(latencies, n);
        Arrays.sort(sorted);
        int m = Math.min(outcomeCount, OUTCOME_WINDOW);
        int failed = 0;
        for (int i = 0; i < m; i++) {
            if (!outcomes[i]) {
                failed++;
            }
        }
        double rate = m == 0 ? 0 : (double) failed / m;
        String circuit = circuit();
        HealthState state = circuit.equals("open") ? HealthState.DOWN
                : circuit.equals("half-open") || rate > 0.5 ? HealthState.DEGRADED : HealthState.HEALTHY;
        return new ProviderHealth(provider, state, circuit, requests, errors, rate, percentile(sorted, 0.50),
                percentile(sorted, 0.99), lastSuccess, lastFailure, List.copyOf(recent));
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1_000_000.0;
    }
}
