package dev.comms.spi;

import java.time.Duration;
import java.util.Objects;

/**
 * Where the facade's limits keep their state: leased units per key. A concurrency cap of C is C units
 * held while a send runs (released when it ends, or when its lease ends if its holder crashed); a rate
 * of N per period is N units each held for the period after it was taken, so <em>every</em> sliding
 * window of that period admits at most N (a token bucket cannot promise that at a sustained N per
 * period: it admits up to 2N - 1 in some windows).
 *
 * <p>In memory for one JVM (the default); {@code JdbcLimitStore} in comms-store-jdbc keeps them in
 * PostgreSQL or H2 so several JVMs share one limit.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use and exact: with any number of
 * callers racing, at most {@code max} units of a key are held at once. A store that cannot be reached
 * throws {@link LimitStoreUnavailableException}; the facade then refuses (fail closed) unless
 * configured to admit blind.
 */
public interface LimitStore {
    /**
     * The in-memory store for one JVM (the facade's default).
     *
     * @param clock the clock leases run on (tests pass virtual time)
     * @return a new, empty store
     */
    static LimitStore inMemory(java.time.Clock clock) {
        return new dev.comms.internal.InMemoryLimitStore(clock);
    }

    /**
     * Takes {@code units} of at most {@code max} units of a key for {@code holder}, each for at most
     * {@code lease}, or none.
     *
     * @param key the key (limit, account, mode, channel)
     * @param max how many units may be held at once
     * @param units how many this holder takes (an SMS counted in segments takes one per segment)
     * @param holder who holds them (a send id); unique per acquisition
     * @param lease how long they are held at most, if never released
     * @return taken, or how long until enough units would be free
     */
    Acquisition acquire(String key, int max, int units, String holder, Duration lease);

    /**
     * Frees a holder's units; nothing happens if it holds none.
     *
     * @param key the key
     * @param holder the holder
     */
    void release(String key, String holder);

    /**
     * @param key the key
     * @return units held now (leases not yet ended)
     */
    int inUse(String key);

    /**
     * Forgets units whose lease ended, so memory and tables stay bounded; costs O(expired).
     *
     * @return how many were forgotten
     */
    default int purgeExpired() {
        return 0;
    }

    /**
     * The answer of {@link #acquire}.
     *
     * @param acquired true if the units were taken
     * @param retryAfter when not taken, how long until enough units would be free if none is released
     *     early (zero when taken)
     */
    record Acquisition(boolean acquired, Duration retryAfter) {
        /** Taken. */
        public static final Acquisition TAKEN = new Acquisition(true, Duration.ZERO);

        /**
         * Checks the components.
         *
         * @param acquired true if taken
         * @param retryAfter the wait
         */
        public Acquisition {
            Objects.requireNonNull(retryAfter, "retryAfter");
        }
    }
}
