package dev.comms.internal;

import dev.comms.AttemptEvent;
import dev.comms.CommsException;
import dev.comms.ErrorCode;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.Receipt;
import dev.comms.spi.Capability;
import dev.comms.spi.SendContext;
import dev.comms.spi.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stages 6 and 7: call the providers in failover order with a timeout each, classify every failure,
 * and retry with full-jitter backoff until the deadline or the attempt limit:
 *
 * <ul>
 * <li>NOT_SENT: retry, failing over to the next provider at once; a local one
 * ({@link ProviderException#isLocal()}: no pooled connection in time, nothing reached the wire) never
 * counts against the route's circuit;</li>
 * <li>AMBIGUOUS: retried only on the same provider, and only if it deduplicates by key; the send stays
 * ambiguous (its outcome unknown) until a later attempt succeeds, whatever the attempts in between
 * say;</li>
 * <li>PERMANENT: stop;</li>
 * <li>a {@link CommsException} that is not a {@link ProviderException} (an input the provider refused
 * before writing the request): stop; nothing was sent, and it says nothing about the provider's
 * health, so it never counts against the circuit.</li>
 * </ul>
 */
final class AttemptStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(AttemptStage.class);

    private final Settings settings;
    private final Listeners listeners;
    private final Sleeper sleeper;

    AttemptStage(Settings settings, Listeners listeners, Sleeper sleeper) {
        this.settings = settings;
        this.listeners = listeners;
        this.sleeper = sleeper;
    }

    @Override
    public <M, R extends Receipt, X> void run(Send<M, R, X> s, Chain next) {
        List<Route> order = s.routes;
        ProviderException last = null;
        for (int round = 0; ; round++) {
            boolean tried = false;
            for (Route route : order) {
                if (s.attempts >= settings.maxAttempts) {
                    break;
                }
                if (!route.stats().tryAcquire()) {
                    continue;
                }
                tried = true;
                ProviderException failure = attempt(s, route);
                if (failure == null) {
                    next.proceed(s);
                    return;
                }
                last = failure;
                if (failure.failureClass() == FailureClass.PERMANENT) {
                    throw s.outcome(failure);
                }
                if (failure.failureClass() == FailureClass.AMBIGUOUS) {
                    if (!route.supports(Capability.IDEMPOTENCY_KEY)) {
                        // It may have been accepted and a retry cannot be deduplicated: stop, outcome unknown.
                        throw s.outcome(failure);
                    }
                    // Retry the same provider with the same key; never fail over after an ambiguous outcome.
                    order = List.of(route);
                    break;
                }
            }
            if (!tried) {
                if (last != null || s.worst != null) {
                    throw s.outcome(last);
                }
                throw new CommsException(ErrorCode.SERVICE_UNAVAILABLE, "every provider for " + s.channel.key()
                        + " has an open circuit after repeated failures: nothing was sent; retry later", s.channel, null, null);
            }
            if (s.attempts >= settings.maxAttempts) {
                throw s.outcome(last);
            }
            Duration delay = backoff(round, last.retryAfter().orElse(null));
            if (s.clock.instant().plus(delay).isAfter(s.deadline)) {
                throw s.outcome(last);
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw s.outcome(last);
            }
        }
    }

    /**
     * One provider call.
     *
     * @return null on success (the send then holds the route and result), or the classified failure
     * @throws CommsException an input error the provider raised before writing the request
     */
    private <M, R extends Receipt, X> ProviderException attempt(Send<M, R, X> s, Route route) {
        s.attempts++;
        Instant now = s.clock.instant();
        if (s.firstAttempt == null) {
            s.firstAttempt = now;
        }
        Duration left = Duration.between(now, s.deadline);
        Duration timeout = left.compareTo(settings.attemptTimeout) < 0 ? left : settings.attemptTimeout;
        if (timeout.isNegative() || timeout.isZero()) {
            timeout = Duration.ofMillis(1);
        }
        SendContext ctx = new SendContext(s.messageId, s.key, s.account, s.mode, s.attempts, timeout, s.hold.id());
        long t0 = System.nanoTime();
        ProviderException failure;
        try {
            X result = s.ops.call(route.impl(), s.message, ctx);
            long dt = System.nanoTime() - t0;
            s.providerCalled = true;
            s.lastAttempt = s.clock.instant();
            route.stats().success(dt);
            listeners.attempt(new AttemptEvent(s.channel, route.id(), s.messageId, s.attempts, Duration.ofNanos(dt), null));
            s.route = route;
            s.result = result;
            return null;
        } catch (ProviderException e) {
            failure = e;
        } catch (CommsException e) {
            // Refused before the request was written: not sent, and no verdict on the provider's health.
            s.lastAttempt = s.clock.instant();
            route.stats().releaseTrial();
            LOG.debug("{} {} attempt {} on {} refused before sending: {}", s.channel.key(), s.messageId, s.attempts, route.id(), e.getMessage());
            if (s.ambiguous()) {
                throw s.outcome(null);
            }
            throw e;
        } catch (Throwable e) {
            Failures.rethrowFatal(e);
            // A provider that throws something unclassified (a checked exception thrown sneakily included) may have sent.
            failure = ProviderException.of(FailureClass.AMBIGUOUS, route.id(), "provider '" + route.id() + "' failed unexpectedly ("
                    + e.getClass().getName() + ")").channel(s.channel).cause(e).build();
        }
        long dt = System.nanoTime() - t0;
        s.providerCalled = true;
        s.lastAttempt = s.clock.instant();
        s.failed(failure, route);
        if (failure.isLocal()) {
            // Nothing reached the wire (no pooled connection in time): no verdict on the provider's health.
            route.stats().releaseTrial();
        } else {
            route.stats().failure(dt, failure, failure.failureClass() != FailureClass.PERMANENT);
        }
        listeners.attempt(new AttemptEvent(s.channel, route.id(), s.messageId, s.attempts, Duration.ofNanos(dt), failure));
        LOG.debug("{} {} attempt {} on {} failed: {} {}", s.channel.key(), s.messageId, s.attempts, route.id(), failure.failureClass(),
                failure.getMessage());
        return failure;
    }

    /**
     * Full-jitter backoff: a random delay up to {@code min(maxDelay, baseDelay * 2^round)}, and at
     * least what the provider asked for.
     */
    private Duration backoff(int round, Duration retryAfter) {
        long base = settings.baseDelay.toMillis();
        long cap = settings.maxDelay.toMillis();
        long ceiling = Math.min(cap, base << Math.min(round, 20));
        long jitter = ceiling <= 0 ? 0 : ThreadLocalRandom.current().nextLong(ceiling + 1);
        Duration d = Duration.ofMillis(jitter);
        return retryAfter != null && retryAfter.compareTo(d) > 0 ? retryAfter : d;
    }
}
