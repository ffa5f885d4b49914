package dev.comms.store.jdbc;

import dev.comms.billing.contract.LedgerContract;
import java.time.Duration;

/** The ledger contract's settings for a database ledger: leases run out on the database clock. */
abstract class JdbcLedgerContract extends LedgerContract {
    @Override
    protected void runOutLeases(Duration lease) {
        try {
            Thread.sleep(lease.toMillis() + 100);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    protected Duration soakLease() {
        return Duration.ofSeconds(1);
    }

    @Override
    protected int soakOpsPerThread() {
        return 40;
    }
}
