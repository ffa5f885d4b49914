package dev.comms.internal;

import dev.comms.AttemptEvent;
import dev.comms.Billing;
import dev.comms.Channel;
import dev.comms.CommsException;
import dev.comms.ErrorCode;
import dev.comms.FailureClass;
import dev.comms.IdempotencyException;
import dev.comms.Mode;
import dev.comms.ProviderException;
import dev.comms.ProviderNotFoundException;
import dev.comms.Receipt;
import dev.comms.SendOptions;
import dev.comms.UnsupportedFeatureException;
import dev.comms.spi.Admission;
import dev.comms.spi.Capability;
import dev.comms.spi.CreditMeter;
import dev.comms.spi.IdempotencyStore;
import dev.comms.spi.MeterRequest;
import dev.comms.spi.SendContext;
import dev.comms.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one send pipeline. Every channel passes the same stages in this order; this class is the only
 * place that knows it:
 *
 * <ol>
 *   <li>normalise and validate (policies and defaults; the message validated itself when built)
 *   <li>plan (segments, billable units, region, required features, fingerprint)
 *   <li>idempotency (replay, conflict, in progress)
 *   <li>admit (rate limits, concurrency slots)
 *   <li>reserve (credit hold)
 *   <li>route (failover chain, circuit breakers, feature support)
 *   <li>attempt (provider call, classification, retry and backoff)
 *   <li>settle (commit, release, or leave pending for late facts)
 *   <li>record (health, listeners, receipt)
 * </ol>
 */
public final class Pipeline {
    private static final Logger LOG = LoggerFactory.getLogger(Pipeline.class);

    private final Settings settings;
    private final Map<Channel, List<Route>> live;
    private final Map<Channel, Route> sandbox;
    private final IdempotencyStore idempotency;
    private final Admission admission;
    private final CreditMeter meter;
    private final Listeners listeners;
    private final Clock clock;
    private final Sleeper sleeper;
    private final AtomicBoolean meterWarned = new AtomicBoolean();
    /** Calls whose hold was reserved under a caller's key: message id to key, until settled. Bounded. */
    private final java.util.concurrent.ConcurrentHashMap<String, String> pendingKeys = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int PENDING_KEYS_LIMIT = 100_000;

    Pipeline(Settings settings, Map<Channel, List<Route>> live, Map<Channel, Route> sandbox, IdempotencyStore idempotency,
            Admission admission, CreditMeter meter, Listeners listeners, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.live = live;
        this.sandbox = sandbox;
        this.idempotency = idempotency;
        this.admission = admission;
        this.meter = meter;
        this.listeners = listeners;
        this.clock = clock;
        this.sleeper = sleeper;
    }

    /** The result of the attempt stage. */
    private record Attempted<X>(Route route, X result, int attempts) {
    }

    /**
     * Runs one message through every stage.
     *
     * @param ops the channel's part
     * @param message the message
     * @param options per-send options
     * @param account the account
     * @param mode live or test
     * @param <M> message type
     * @param <R> receipt type
     * @param <X> provider result type
     * @return the receipt
     */
    <M, R extends Receipt, X> R run(ChannelOps<M, R, X> ops, M message, SendOptions options, String account, Mode mode) {
        if (message == null) {
            throw new IllegalArgumentException("message is null");
        }
        Channel channel = ops.channel();
        String messageId = Ids.messageId(clock.millis());
        String callerKey = options.idempotencyKey().orElse(null);
        String key = callerKey != null ? callerKey : messageId;
        boolean claimed = false;
        AtomicBoolean providerCalled = new AtomicBoolean();
        try {
            // 1 normalise + validate, 2 plan
            M m = ops.prepare(message);
            Plan plan = ops.plan(m);
            // 6 route (resolved early: an unconfigured channel or unsupported feature is refused before anything is held)
            List<Route> chain = usableRoutes(channel, mode, plan);
            // 3 idempotency
            if (callerKey != null) {
                IdempotencyStore.Claim claim = claim(channel, account, mode, key, plan.fingerprint(), options.waitIfInProgress());
                if (claim instanceof IdempotencyStore.Claim.Completed done) {
                    @SuppressWarnings("unchecked")
                    R replay = (R) done.receipt();
                    return replay;
                }
                claimed = true;
            }
            Instant deadline = clock.instant().plus(options.deadline().orElse(settings.deadline));
            // 4 admit
            Admission.Permit permit = admission.admit(account, mode, channel, plan.estimate());
            try {
                // 5 reserve
                CreditMeter.Hold hold = meter.reserve(new MeterRequest(account, mode, channel, key, plan.fingerprint(),
                        plan.estimate(), plan.region(), settings.holdLease()));
                Attempted<X> done;
                try {
                    // 6 route + 7 attempt
                    done = attempt(ops, m, chain, messageId, key, account, mode, deadline, providerCalled);
                } catch (ProviderException e) {
                    // 8 settle a failure: nothing sent -> release; maybe sent -> leave pending for reconciliation
                    settleFailure(hold, e.failureClass() == FailureClass.AMBIGUOUS);
                    throw e;
                } catch (RuntimeException e) {
                    settleFailure(hold, providerCalled.get());
                    throw e;
                }
                // 8 settle
                Billing billing = settle(ops, hold, m, plan, done.result(), messageId);
                // 9 record
                R receipt = ops.receipt(new ChannelOps.ReceiptBase(messageId, account, mode, done.route().id(), done.attempts(),
                        clock.instant()), m, plan, done.result(), billing);
                if (claimed) {
                    idempotency.complete(account, mode, key, receipt);
                }
                if (ops.settlesLater() && !key.equals(messageId) && pendingKeys.size() < PENDING_KEYS_LIMIT) {
                    pendingKeys.put(messageId, key);
                }
                listeners.sent(receipt);
                return receipt;
            } finally {
                permit.close();
            }
        } catch (CommsException e) {
            if (claimed) {
                forget(account, mode, key, e, providerCalled.get());
            }
            listeners.failed(channel, messageId, e);
            throw e;
        } catch (RuntimeException e) {
            CommsException wrapped = new CommsException(ErrorCode.INTERNAL_ERROR, "unexpected failure while sending "
                    + channel.key() + " " + messageId + ": " + e, channel, null, e);
            if (claimed) {
                forget(account, mode, key, wrapped, providerCalled.get());
            }
            listeners.failed(channel, messageId, wrapped);
            throw wrapped;
        }
    }

    /**
     * The key a late-settled hold was reserved under.
     *
     * @param messageId the message id from the receipt
     * @return the key (the message id itself unless the caller gave an idempotency key)
     */
    String settleKey(String messageId) {
        String k = pendingKeys.remove(messageId);
        return k != null ? k : messageId;
    }

    private void forget(String account, Mode mode, String key, CommsException e, boolean providerCalled) {
        try {
            if (providerCalled) {
                idempotency.fail(account, mode, key, e);
            } else {
                idempotency.abandon(account, mode, key);
            }
        } catch (RuntimeException storeError) {
            LOG.error("Comms could not record the outcome of idempotency key in its store; a retry with the same key may wait for the lease", storeError);
        }
    }

    private IdempotencyStore.Claim claim(Channel channel, String account, Mode mode, String key, String fingerprint, Duration wait) {
        Instant waitUntil = clock.instant().plus(wait);
        while (true) {
            IdempotencyStore.Claim claim = idempotency.claim(account, mode, key, fingerprint, settings.holdLease());
            if (claim instanceof IdempotencyStore.Claim.Acquired || claim instanceof IdempotencyStore.Claim.Completed) {
                return claim;
            }
            if (claim instanceof IdempotencyStore.Claim.Failed failed) {
                throw failed.error();
            }
            if (claim instanceof IdempotencyStore.Claim.Conflict) {
                throw new IdempotencyException(ErrorCode.IDEMPOTENCY_CONFLICT, "idempotency key was already used with a different "
                        + channel.key() + " request: use a new key for a new request", channel);
            }
            if (!clock.instant().isBefore(waitUntil)) {
                throw new IdempotencyException(ErrorCode.IDEMPOTENCY_IN_PROGRESS, "a request with this idempotency key is still "
                        + "being sent: retry later, or pass SendOptions.withWaitIfInProgress(...)", channel);
            }
            try {
                sleeper.sleep(Duration.ofMillis(20));
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IdempotencyException(ErrorCode.IDEMPOTENCY_IN_PROGRESS, "interrupted while waiting for a request with "
                        + "the same idempotency key", channel);
            }
        }
    }

    private List<Route> usableRoutes(Channel channel, Mode mode, Plan plan) {
        List<Route> chain;
        if (mode == Mode.TEST) {
            Route r = sandbox.get(channel);
            if (r == null) {
                throw new ProviderNotFoundException(channel, "Test mode needs the sandbox provider for " + channel.key()
                        + ": add dev.comms:comms-testkit to the class path (or add its FakeProvider in code)");
            }
            chain = List.of(r);
        } else {
            chain = live.get(channel);
            if (chain == null || chain.isEmpty()) {
                throw new ProviderNotFoundException(channel, "No provider is configured for " + channel.key() + ": add a provider "
                        + "module for it (see the provider table in README) with its settings, or choose one with comms."
                        + channel.key() + ".providers");
            }
        }
        if (plan.required().isEmpty()) {
            return chain;
        }
        List<Route> usable = new ArrayList<>(chain.size());
        for (Route r : chain) {
            if (r.impl().capabilities().containsAll(plan.required())) {
                usable.add(r);
            }
        }
        if (usable.isEmpty()) {
            Route first = chain.get(0);
            Capability missing = plan.required().stream().filter(c -> !first.supports(c)).findFirst().orElseThrow();
            throw new UnsupportedFeatureException(missing.name().toLowerCase(Locale.ROOT).replace('_', ' '), channel, first.id());
        }
        return usable;
    }

    private <M, R extends Receipt, X> Attempted<X> attempt(ChannelOps<M, R, X> ops, M m, List<Route> chain, String messageId,
            String key, String account, Mode mode, Instant deadline, AtomicBoolean providerCalled) {
        Channel channel = ops.channel();
        List<Route> order = chain;
        int attempt = 0;
        ProviderException last = null;
        for (int round = 0; ; round++) {
            boolean tried = false;
            for (Route route : order) {
                if (attempt >= settings.maxAttempts) {
                    break;
                }
                if (!route.stats().tryAcquire()) {
                    continue;
                }
                tried = true;
                attempt++;
                Duration left = Duration.between(clock.instant(), deadline);
                Duration timeout = left.compareTo(settings.attemptTimeout) < 0 ? left : settings.attemptTimeout;
                if (timeout.isNegative() || timeout.isZero()) {
                    timeout = Duration.ofMillis(1);
                }
                SendContext ctx = new SendContext(messageId, key, account, mode, attempt, timeout);
                providerCalled.set(true);
                long t0 = System.nanoTime();
                ProviderException failure;
                try {
                    X result = ops.call(route.impl(), m, ctx);
                    long dt = System.nanoTime() - t0;
                    route.stats().success(dt);
                    listeners.attempt(new AttemptEvent(channel, route.id(), messageId, attempt, Duration.ofNanos(dt), null));
                    return new Attempted<>(route, result, attempt);
                } catch (ProviderException e) {
                    failure = e;
                } catch (RuntimeException e) {
                    // A provider that throws something unclassified may have sent: treat it as ambiguous.
                    failure = ProviderException.of(FailureClass.AMBIGUOUS, route.id(), "provider '" + route.id()
                            + "' failed unexpectedly: " + e).channel(channel).cause(e).build();
                }
                long dt = System.nanoTime() - t0;
                route.stats().failure(dt, failure, failure.failureClass() != FailureClass.PERMANENT);
                listeners.attempt(new AttemptEvent(channel, route.id(), messageId, attempt, Duration.ofNanos(dt), failure));
                last = failure;
                LOG.debug("{} {} attempt {} on {} failed: {} {}", channel.key(), messageId, attempt, route.id(),
                        failure.failureClass(), failure.getMessage());
                if (failure.failureClass() == FailureClass.PERMANENT) {
                    throw failure;
                }
                if (failure.failureClass() == FailureClass.AMBIGUOUS) {
                    if (!route.supports(Capability.IDEMPOTENCY_KEY)) {
                        // The provider may have accepted it and cannot dedupe a retry: stop, outcome unknown.
                        throw failure;
                    }
                    // Retry the same provider with the same key; never fail over after an ambiguous outcome.
                    order = List.of(route);
                    break;
                }
            }
            if (!tried) {
                if (last != null) {
                    throw last;
                }
                throw new CommsException(ErrorCode.SERVICE_UNAVAILABLE, "every provider for " + channel.key()
                        + " has an open circuit after repeated failures: retry later", channel, null, null);
            }
            if (attempt >= settings.maxAttempts || last == null) {
                throw last != null ? last : new CommsException(ErrorCode.SERVICE_UNAVAILABLE, "no attempt was possible", channel, null, null);
            }
            Duration delay = backoff(round, last.retryAfter().orElse(null));
            if (clock.instant().plus(delay).isAfter(deadline)) {
                throw last;
            }
            try {
                sleeper.sleep(delay);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw last;
            }
        }
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

    private <M, R extends Receipt, X> Billing settle(ChannelOps<M, R, X> ops, CreditMeter.Hold hold, M m, Plan plan, X result,
            String messageId) {
        try {
            return ops.settlesLater() ? hold.pending() : hold.commit(ops.actual(m, plan, result));
        } catch (RuntimeException e) {
            if (meterWarned.compareAndSet(false, true)) {
                LOG.error("Comms sent {} but could not charge it: the credit meter failed ({}). The hold expires by its lease; "
                        + "reconcile from the provider's log. Later meter failures are logged at WARN.", messageId, e.toString(), e);
            } else {
                LOG.warn("Comms sent {} but could not charge it: {}", messageId, e.toString());
            }
            return Billing.NOT_METERED;
        }
    }

    private void settleFailure(CreditMeter.Hold hold, boolean maybeSent) {
        try {
            if (maybeSent) {
                hold.pending();
            } else {
                hold.release();
            }
        } catch (RuntimeException e) {
            LOG.warn("Comms could not release a credit hold; it expires by its lease: {}", e.toString());
        }
    }
}
