package dev.comms.billing;

import dev.comms.billing.contract.LedgerContract;
import dev.comms.testkit.FakeClock;
import java.time.Duration;

/** The ledger contract on the in-memory ledger, with leases on a fake clock. */
class InMemoryLedgerTest extends LedgerContract {
    private final FakeClock clock = new FakeClock();
    private final InMemoryLedger ledger = new InMemoryLedger(clock);

    @Override
    protected Ledger ledger() {
        return ledger;
    }

    @Override
    protected void runOutLeases(Duration lease) {
        clock.advance(lease.plusMillis(1));
    }

    @Override
    protected int soakOpsPerThread() {
        return 400;
    }
}
