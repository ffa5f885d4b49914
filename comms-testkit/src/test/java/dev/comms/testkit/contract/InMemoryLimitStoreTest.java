package dev.comms.testkit.contract;

import dev.comms.spi.LimitStore;
import dev.comms.testkit.FakeClock;
import java.time.Duration;

/** The in-memory limit store passes the shared contract, in virtual time. */
class InMemoryLimitStoreTest extends LimitStoreContract {
    private final FakeClock clock = new FakeClock();
    private final LimitStore store = LimitStore.inMemory(clock);

    @Override
    protected LimitStore store() {
        return store;
    }

    @Override
    protected void pass(Duration d) {
        clock.advance(d);
    }
}
