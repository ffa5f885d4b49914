package dev.comms.billing;

import dev.comms.InsufficientCreditsException;
import dev.comms.Mode;
import dev.comms.Money;
import java.util.List;
import java.util.Optional;

/**
 * The credit ledger: two-phase debits (reserve, then commit or release, with a lease), idempotent
 * credits, and an append-only journal. Modelled on TigerBeetle's pending transfers: a hold resolves
 * at most once, debits never exceed credits, and every balance satisfies
 * {@code credited = available + held + debited}.
 *
 * <p>Implementations: {@link InMemoryLedger} (one JVM), {@code JdbcLedger} in comms-store-jdbc
 * (PostgreSQL across JVMs, H2 for one node). All are exact under contention and pass one contract
 * suite. Every method is safe to call again after a failure whose outcome is unknown: reserve by its
 * key, commit and release by the hold's state, credits by their key.
 */
public interface Ledger {
    /**
     * Moves {@code amount} from available to held, or refuses.
     *
     * @param request what to hold
     * @return the new hold, or the existing one for the same key and fingerprint ({@link Hold#replayed()})
     * @throws InsufficientCreditsException if available is less than the amount (nothing changes)
     * @throws dev.comms.IdempotencyException if the key holds a different request
     */
    Hold reserve(HoldRequest request);

    /**
     * Charges a hold. Up to the held amount comes from the hold and the rest returns to available; an
     * actual cost above the hold, or a commit after the hold expired, is debited from available where
     * it covers it and otherwise reported as {@link Settlement#unbilled()}. Committing a committed
     * hold returns the first settlement.
     *
     * @param holdId the hold
     * @param actual the actual cost; not negative
     * @return what was charged
     * @throws IllegalStateException if the hold was released, or does not exist
     */
    Settlement commit(long holdId, Money actual);

    /**
     * Returns a pending hold in full.
     *
     * @param holdId the hold
     * @return true if this call released it; false if it had already left PENDING
     */
    boolean release(long holdId);

    /**
     * Expires pending holds whose lease has run out, returning their credits.
     *
     * @return how many holds this call expired
     */
    int expireDue();

    /**
     * Credits an account once per key (top-ups, grants): a repeated key changes nothing.
     *
     * @param account the account
     * @param mode live or test
     * @param amount a positive amount
     * @param key the idempotency key of the credit
     * @param kind {@link EntryKind#TOP_UP} or {@link EntryKind#GRANT}
     * @return true if this call credited; false if the key was already used
     */
    boolean credit(String account, Mode mode, Money amount, String key, EntryKind kind);

    /**
     * Moves available credits from one account to another (funding a sub-account), once per key.
     *
     * @param from the paying account
     * @param to the receiving account
     * @param mode live or test
     * @param amount a positive amount
     * @param key the idempotency key of the transfer
     * @return true if this call transferred; false if the key was already used
     * @throws InsufficientCreditsException if {@code from} has less available
     */
    boolean transfer(String from, String to, Mode mode, Money amount, String key);

    /**
     * @param account the account
     * @param mode live or test
     * @return the balance (all zero for an account never credited)
     */
    Balance balance(String account, Mode mode);

    /**
     * @param holdId a hold id
     * @return the hold as it is now
     */
    Optional<Hold> hold(long holdId);

    /**
     * @param account the account
     * @param mode live or test
     * @param key the idempotency key the hold was reserved under
     * @return the hold, if one was reserved under the key
     */
    Optional<Hold> holdByKey(String account, Mode mode, String key);

    /**
     * @param account the account
     * @param mode live or test
     * @return the journal of the account, oldest first
     */
    List<JournalEntry> journal(String account, Mode mode);

    /**
     * @param account the account
     * @param mode live or test
     * @return the pending holds of the account
     */
    List<Hold> pendingHolds(String account, Mode mode);
}
