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
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;

/**
 * Health counters and the circuit breaker of one provider on one channel.
 *
 * <p>Non-blocking, as it is touched on every attempt of every send: counters are {@link LongAdder}s,
 * the latency and outcome windows are rings indexed by one atomic counter, and the breaker's state
 * (consecutive failures, when it opened, whether a half-open trial is out) is one immutable value
 * swapped by compare-and-set, so a half-open circuit lets exactly one trial through however many
 * threads ask at once. Only a failure takes a lock, for its entry in the short list of recent errors.
 * A {@link #snapshot()} taken while attempts run may mix counters from just before and just after an
 * attempt; the breaker's state is always consistent.
 */
public final class ProviderStats {
    private static final int LATENCY_WINDOW = 1024;
    private static final int OUTCOME_WINDOW = 100;
    private static final int RECENT_ERRORS = 10;

    /** The breaker: consecutive counted failures, when it opened (null: closed), whether a half-open trial is out. */
    private record Circuit(int consecutiveFailures, Instant openedAt, boolean trialInFlight) {
        static final Circuit CLOSED = new Circuit(0, null, false);
    }

    private final String provider;
    private final Clock clock;
    private final int failureThreshold;
    private final Duration openDuration;

    private final AtomicReference<Circuit> circuit = new AtomicReference<>(Circuit.CLOSED);
    private final AtomicLong attempts = new AtomicLong();
    private final LongAdder errors = new LongAdder();
    private final AtomicLongArray latencies = new AtomicLongArray(LATENCY_WINDOW);
    private final AtomicIntegerArray outcomes = new AtomicIntegerArray(OUTCOME_WINDOW);
    private volatile Instant lastSuccess;
    private volatile long lastSuccessMillis = Long.MIN_VALUE;
    private volatile Instant lastFailure;
    private final ArrayDeque<ProviderHealth.RecentError> recent = new ArrayDeque<>();

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
    public boolean tryAcquire() {
        while (true) {
            Circuit c = circuit.get();
            if (c.openedAt() == null) {
                return true;
            }
            if (clock.instant().isBefore(c.openedAt().plus(openDuration)) || c.trialInFlight()) {
                return false;
            }
            if (circuit.compareAndSet(c, new Circuit(c.consecutiveFailures(), c.openedAt(), true))) {
                return true;
            }
        }
    }

    /**
     * Records a successful call; closes the circuit.
     *
     * @param latencyNanos how long it took
     */
    public void success(long latencyNanos) {
        record(latencyNanos, true);
        long ms = clock.millis();
        if (ms != lastSuccessMillis) {
            // At most one write a millisecond: under load this shared field would otherwise bounce between cores.
            lastSuccessMillis = ms;
            lastSuccess = clock.instant();
        }
        if (circuit.get() != Circuit.CLOSED) {
            circuit.set(Circuit.CLOSED);
        }
    }

    /**
     * Records a failed call. Failures that say nothing about the provider's health (a permanent
     * refusal of one message) do not count towards opening the circuit.
     *
     * @param latencyNanos how long it took
     * @param error the failure
     * @param countsForCircuit whether it counts towards opening the circuit
     */
    public void failure(long latencyNanos, CommsException error, boolean countsForCircuit) {
        record(latencyNanos, false);
        errors.increment();
        Instant now = clock.instant();
        lastFailure = now;
        String providerCode = "";
        int http = 0;
        if (error instanceof ProviderException pe) {
            providerCode = pe.providerCode().orElse("");
            http = pe.httpStatus();
        }
        ProviderHealth.RecentError entry = new ProviderHealth.RecentError(now, error.code().name(), providerCode, http, error.getMessage());
        synchronized (recent) {
            recent.addLast(entry);
            while (recent.size() > RECENT_ERRORS) {
                recent.removeFirst();
            }
        }
        circuit.updateAndGet(c -> {
            if (c.trialInFlight()) {
                // The trial failed: open again from now.
                return new Circuit(c.consecutiveFailures(), now, false);
            }
            if (!countsForCircuit) {
                return c;
            }
            int n = c.consecutiveFailures() + 1;
            Instant opened = c.openedAt() == null && n >= failureThreshold ? now : c.openedAt();
            return new Circuit(n, opened, false);
        });
    }

    private void record(long latencyNanos, boolean ok) {
        long i = attempts.getAndIncrement();
        latencies.setRelease((int) (i % LATENCY_WINDOW), latencyNanos);
        outcomes.setRelease((int) (i % OUTCOME_WINDOW), ok ? 1 : 2);
    }

    /** Releases a half-open trial that ended without a verdict on the provider. */
    public void releaseTrial() {
        circuit.updateAndGet(c -> c.trialInFlight() ? new Circuit(c.consecutiveFailures(), c.openedAt(), false) : c);
    }

    /** @return the circuit's state: closed, open or half-open */
    public String circuit() {
        Circuit c = circuit.get();
        if (c.openedAt() == null) {
            return "closed";
        }
        return clock.instant().isBefore(c.openedAt().plus(openDuration)) ? "open" : "half-open";
    }

    /** @return total failed calls */
    public long errors() {
        return errors.sum();
    }

    /**
     * @return a snapshot for {@code health()}
     */
    public ProviderHealth snapshot() {
        long count = attempts.get();
        int n = (int) Math.min(count, LATENCY_WINDOW);
        long[] sorted = new long[n];
        for (int i = 0; i < n; i++) {
            sorted[i] = latencies.getAcquire(i);
        }
        Arrays.sort(sorted);
        int m = (int) Math.min(count, OUTCOME_WINDOW);
        int failed = 0;
        for (int i = 0; i < m; i++) {
            if (outcomes.getAcquire(i) == 2) {
                failed++;
            }
        }
        double rate = m == 0 ? 0 : (double) failed / m;
        String circuit = circuit();
        HealthState state = circuit.equals("open") ? HealthState.DOWN
                : circuit.equals("half-open") || rate > 0.5 ? HealthState.DEGRADED : HealthState.HEALTHY;
        List<ProviderHealth.RecentError> errs;
        synchronized (recent) {
            errs = List.copyOf(recent);
        }
        return new ProviderHealth(provider, state, circuit, count, errors.sum(), rate, percentile(sorted, 0.50),
                percentile(sorted, 0.99), lastSuccess, lastFailure, errs);
    }

    private static double percentile(long[] sorted, double p) {
        if (sorted.length == 0) {
            return 0;
        }
        int idx = (int) Math.ceil(p * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(sorted.length - 1, idx))] / 1_000_000.0;
    }
}
