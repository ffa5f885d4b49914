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
     * Moves {@code amount} from available to held, or refuses. A key is held by at most one hold that
     * was not abandoned.
     *
     * @param request what to hold
     * @return the new hold; the same hold again when the request's send id reserved it before (a lost
     *     answer); or the existing one of another send with the same key and fingerprint
     *     ({@link Hold#replayed()})
     * @throws InsufficientCreditsException if available is less than the amount (nothing changes)
     * @throws dev.comms.IdempotencyException if the key holds a different request
     * @throws LedgerUnavailableException if the store cannot be reached by the request's deadline
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
     * Returns a pending hold in full and frees its idempotency key: the send was refused before any
     * provider call, so a retry with the same key gets a new hold. The hold itself stays resolved
     * ({@link HoldState#RELEASED}).
     *
     * @param holdId the hold
     * @return true if this call abandoned it; false if it had already left PENDING
     */
    boolean abandon(long holdId);

    /**
     * Abandons the pending hold a send reserved, found by its send id: for a reserve whose answer was
     * lost, so its hold (if the store made one) does not keep credits and key until its lease ends.
     *
     * @param account the account
     * @param mode live or test
     * @param key the key the send reserved under
     * @param sendId the send's id
     * @return true if a pending hold of that send was abandoned
     */
    boolean abandonSend(String account, Mode mode, String key, String sendId);

    /**
     * Marks a pending hold <em>outcome unknown</em> ({@link PendingReason#OUTCOME_UNKNOWN}): at the end of
     * its lease it is committed ({@link #commitUnknownDue}), not released. Its lease is extended to at
     * least {@code atLeast} from now, so a reconciler has time to ask the provider (providers list a
     * message only minutes after it was sent).
     *
     * @param holdId the hold
     * @param reference what a reconciler needs to ask the provider (no message body)
     * @param atLeast the least time the hold stays pending from now
     * @return true if the hold was pending and is now marked
     */
    boolean markUnknown(long holdId, String reference, java.time.Duration atLeast);

    /**
     * Expires in-flight pending holds whose lease has run out, returning their credits. Outcome-unknown
     * holds are left to {@link #commitUnknownDue}. Costs O(expired), not O(holds).
     *
     * @return how many holds this call expired
     */
    int expireDue();

    /**
     * Commits, at their full amount, outcome-unknown holds whose lease has run out: the message was
     * probably sent and nobody could say otherwise. The caller reports each one.
     *
     * @return the holds this call committed
     */
    List<Settled> commitUnknownDue();

    /**
     * @param max the most to return
     * @return pending outcome-unknown holds, oldest first
     */
    List<Hold> unknownHolds(int max);

    /**
     * Deletes holds resolved longer ago than {@code retention} (the journal is kept), so the ledger's
     * hold table and memory stay bounded. A key whose hold was purged can be used again.
     *
     * @param retention how long resolved holds are kept (24 hours by default in the meter)
     * @return how many holds were deleted; costs O(purged)
     */
    int purgeResolved(java.time.Duration retention);

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
