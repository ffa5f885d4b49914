package dev.comms.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.comms.spi.LimitStore;
import dev.comms.testkit.contract.LimitStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/** The JDBC limit store on H2 (file mode) passes the shared contract. */
class JdbcLimitStoreH2Test extends LimitStoreContract {
    private final HikariDataSource ds = Databases.h2File();
    private final LimitStore store = JdbcLimitStore.create(ds);

    @Override
    protected LimitStore store() {
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
