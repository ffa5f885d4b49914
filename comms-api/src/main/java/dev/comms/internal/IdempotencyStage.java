package dev.comms.internal;

import dev.comms.CommsException;
import dev.comms.ErrorCode;
import dev.comms.IdempotencyException;
import dev.comms.Receipt;
import dev.comms.spi.IdempotencyStore;
import dev.comms.spi.Sleeper;
import java.time.Duration;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 3: one send per key. The first result is stored and replayed; a key refused before any
 * provider call is forgotten (a retry can use it); a failure after a provider was called is stored.
 * The claim lives as long as the send's hold ({@link Send#lease}), so a send with a long deadline
 * never lets a second send with its key through.
 */
final class IdempotencyStage implements Stage {
    private static final Logger LOG = LoggerFactory.getLogger(IdempotencyStage.class);
    private static final Duration POLL = Duration.ofMillis(20);

    private final IdempotencyStore store;
    private final Sleeper sleeper;

    IdempotencyStage(IdempotencyStore store, Sleeper sleeper) {
        this.store = store;
        this.sleeper = sleeper;
    }

    @Override
    public <M, R extends Receipt, X> void run(Send<M, R, X> s, Chain next) {
        if (s.callerKey == null) {
            next.proceed(s);
            return;
        }
        IdempotencyStore.Claim claim = claim(s);
        if (claim instanceof IdempotencyStore.Claim.Completed done) {
            @SuppressWarnings("unchecked")
            R replay = (R) StoredReceipts.restore(done.receipt(), s.plan);
            s.replayed = replay;
            return;
        }
        try {
            next.proceed(s);
        } catch (Exception e) {
            CommsException c = Failures.comms(e, s.channel, s.messageId);
            forget(s, c);
            throw c;
        }
        try {
            store.complete(s.account, s.mode, s.key, s.receipt());
        } catch (RuntimeException e) {
            LOG.error("Comms sent {} {} but could not store its receipt under its idempotency key; a retry with the key will "
                    + "answer 'in progress' until the claim's lease ends", s.channel.key(), s.messageId, e);
        }
    }

    private <M, R extends Receipt, X> void forget(Send<M, R, X> s, CommsException e) {
        try {
            if (s.providerCalled) {
                store.fail(s.account, s.mode, s.key, e);
            } else {
                store.abandon(s.account, s.mode, s.key);
            }
        } catch (RuntimeException storeError) {
            LOG.error("Comms could not record the outcome of an idempotency key in its store; a retry with the same key may wait "
                    + "for the claim's lease", storeError);
        }
    }

    private <M, R extends Receipt, X> IdempotencyStore.Claim claim(Send<M, R, X> s) {
        Instant waitUntil = s.clock.instant().plus(s.options.waitIfInProgress());
        while (true) {
            IdempotencyStore.Claim claim = store.claim(s.account, s.mode, s.key, s.plan.fingerprint(), s.lease);
            if (claim instanceof IdempotencyStore.Claim.Acquired || claim instanceof IdempotencyStore.Claim.Completed) {
                return claim;
            }
            if (claim instanceof IdempotencyStore.Claim.Failed failed) {
                throw failed.error();
            }
            if (claim instanceof IdempotencyStore.Claim.Conflict) {
                throw new IdempotencyException(ErrorCode.IDEMPOTENCY_CONFLICT, "idempotency key was already used with a different "
                        + s.channel.key() + " request: use a new key for a new request", s.channel);
            }
            if (!s.clock.instant().isBefore(waitUntil)) {
                throw new IdempotencyException(ErrorCode.IDEMPOTENCY_IN_PROGRESS, "a request with this idempotency key is still "
                        + "being sent: retry later, or pass SendOptions.withWaitIfInProgress(...)", s.channel);
            }
            try {
                sleeper.sleep(POLL);
            } catch (InterruptedException ie) {
                Thread.currentThread().interrupt();
                throw new IdempotencyException(ErrorCode.IDEMPOTENCY_IN_PROGRESS, "interrupted while waiting for a request with "
                        + "the same idempotency key", s.channel);
            }
        }
    }
}
