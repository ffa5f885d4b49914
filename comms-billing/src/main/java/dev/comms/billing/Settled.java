package dev.comms.billing;

/**
 * A hold committed by the ledger itself (an outcome-unknown hold whose lease ended), with what was charged.
 *
 * @param hold the hold as it was before the commit
 * @param settlement the commit's result
 */
public record Settled(Hold hold, Settlement settlement) {
}
