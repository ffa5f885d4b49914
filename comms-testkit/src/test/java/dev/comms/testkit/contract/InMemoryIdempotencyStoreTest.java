package dev.comms.testkit.contract;

import dev.comms.spi.IdempotencyStore;
import dev.comms.testkit.FakeClock;
import java.time.Duration;

/** The in-memory idempotency store passes the shared contract, in virtual time. */
class InMemoryIdempotencyStoreTest extends IdempotencyStoreContract {
    private final FakeClock clock = new FakeClock();
    private final IdempotencyStore store = IdempotencyStore.inMemory(clock, retention());

    @Override
    protected IdempotencyStore store() {
        return store;
    }

    @Override
    protected void pass(Duration d) {
        clock.advance(d);
    }
}
