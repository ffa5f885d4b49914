package dev.comms.spi;

import dev.comms.CommsException;
import dev.comms.Mode;
import dev.comms.Receipt;
import java.time.Duration;
import java.util.Objects;

/**
 * The pipeline's idempotency stage: the first result under a key is stored and replayed; the same
 * key with another request is a conflict; a key still in flight is reported as such.
 *
 * <p>Records are scoped by (account, mode, key). Rejections before any provider call (validation,
 * insufficient credits, rate limits) are {@linkplain #abandon abandoned}, so a retry after fixing
 * the cause works. Thread-safety: implementations must be safe for concurrent use, and
 * {@link #claim} must let exactly one caller proceed per key.
 */
public interface IdempotencyStore {
    /**
     * The in-memory store for one JVM (the facade's default), keeping at most 100,000 records.
     *
     * @param clock the facade's clock
     * @param ttl how long completed records are kept
     * @return a new, empty store
     */
    static IdempotencyStore inMemory(java.time.Clock clock, Duration ttl) {
        return new dev.comms.internal.InMemoryIdempotencyStore(clock, ttl);
    }

    /**
     * The in-memory store for one JVM, keeping at most {@code maxKeys} records: beyond it the oldest
     * completed records are evicted first, and a claim still in flight never is (see
     * {@code comms.idempotency.max-keys}).
     *
     * @param clock the facade's clock
     * @param ttl how long completed records are kept
     * @param maxKeys the most records kept
     * @return a new, empty store
     */
    static IdempotencyStore inMemory(java.time.Clock clock, Duration ttl, int maxKeys) {
        return new dev.comms.internal.InMemoryIdempotencyStore(clock, ttl, maxKeys);
    }

    /**
     * Forgets records past their retention, so the store stays bounded; the facade's maintenance
     * calls it ({@code comms.maintenance.interval}).
     *
     * @return how many records were forgotten
     */
    default int purgeExpired() {
        return 0;
    }

    /**
     * Claims a key for one send, or reports what happened to it.
     *
     * @param account the account
     * @param mode live or test
     * @param key the caller's idempotency key
     * @param fingerprint a SHA-256 of the canonical request
     * @param lease how long the claim lasts if the holder never completes it
     * @return what to do
     */
    Claim claim(String account, Mode mode, String key, String fingerprint, Duration lease);

    /**
     * Stores the successful result of a claimed key.
     *
     * @param account the account
     * @param mode live or test
     * @param key the key
     * @param receipt the receipt to replay
     */
    void complete(String account, Mode mode, String key, Receipt receipt);

    /**
     * Stores a failure that happened after the provider may have been called, to replay it.
     *
     * @param account the account
     * @param mode live or test
     * @param key the key
     * @param error the failure
     */
    void fail(String account, Mode mode, String key, CommsException error);

    /**
     * Forgets a claim whose send was refused before any provider call.
     *
     * @param account the account
     * @param mode live or test
     * @param key the key
     */
    void abandon(String account, Mode mode, String key);

    /** The answer to {@link #claim}. */
    sealed interface Claim {
        /** The caller owns the key and sends. */
        record Acquired() implements Claim {
        }

        /**
         * The key completed before: replay this receipt.
         *
         * @param receipt the stored receipt
         */
        record Completed(Receipt receipt) implements Claim {
            /**
             * Checks the receipt.
             *
             * @param receipt the stored receipt
             */
            public Completed {
                Objects.requireNonNull(receipt, "receipt");
            }
        }

        /**
         * The key failed before, after a provider may have been called: replay the failure.
         *
         * @param error the stored failure
         */
        record Failed(CommsException error) implements Claim {
            /**
             * Checks the error.
             *
             * @param error the stored failure
             */
            public Failed {
                Objects.requireNonNull(error, "error");
            }
        }

        /** Another caller holds the key right now. */
        record InProgress() implements Claim {
        }

        /** The key was used with a different request. */
        record Conflict() implements Claim {
        }
    }
}
