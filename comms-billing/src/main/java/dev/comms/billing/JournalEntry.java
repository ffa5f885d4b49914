package dev.comms.billing;

import dev.comms.Channel;
import dev.comms.Mode;
import dev.comms.Money;
import java.time.Instant;

/**
 * One line of the append-only journal.
 *
 * @param seq the order of entries in the ledger
 * @param account the account
 * @param mode live or test
 * @param kind what happened
 * @param amount how much (positive)
 * @param holdId the hold of a charge, otherwise 0
 * @param key the idempotency key of the grant or the send
 * @param channel the channel of a charge, otherwise {@code null}
 * @param at when, on the ledger's clock
 */
public record JournalEntry(long seq, String account, Mode mode, EntryKind kind, Money amount, long holdId, String key,
        Channel channel, Instant at) {
}
