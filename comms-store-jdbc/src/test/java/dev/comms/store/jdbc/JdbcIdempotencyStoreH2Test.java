package dev.comms.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.comms.spi.IdempotencyStore;
import dev.comms.testkit.contract.IdempotencyStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/** The JDBC idempotency store on H2 (file mode) passes the shared contract. */
class JdbcIdempotencyStoreH2Test extends IdempotencyStoreContract {
    private final HikariDataSource ds = Databases.h2File();
    private final IdempotencyStore store = JdbcIdempotencyStore.create(ds, retention());

    @Override
    protected IdempotencyStore store() {
        return store;
    }

    @Override
    protected void pass(Duration d) {
        try {
            Thread.sleep(d.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @AfterAll
    void close() {
        ds.close();
    }
}
