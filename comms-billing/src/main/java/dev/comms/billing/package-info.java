/**
 * Credits and cost in pence: {@link dev.comms.billing.PriceBook} (hosted-API defaults, country
 * multipliers, effective dates), {@link dev.comms.billing.Credits} (top-ups within limits, idempotent
 * grants, sub-accounts, low-balance alerts), the {@link dev.comms.billing.Ledger} SPI with the exact
 * {@link dev.comms.billing.InMemoryLedger}, the pipeline's {@link dev.comms.billing.LedgerCreditMeter}
 * and {@link dev.comms.billing.UsageReport}.
 *
 * <p>Money is {@link dev.comms.Money}: a {@code long} of micro-pence with exact arithmetic. No
 * dependency beyond comms-api and SLF4J: a ledger is a few locks and longs, and no money library
 * (JSR 354 Moneta) fits micro-pence without rounding modes we do not want.
 */
package dev.comms.billing;
