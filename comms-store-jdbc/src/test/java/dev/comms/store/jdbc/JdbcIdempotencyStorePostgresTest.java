package dev.comms.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.comms.spi.IdempotencyStore;
import dev.comms.testkit.contract.IdempotencyStoreContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The JDBC idempotency store on PostgreSQL passes the shared contract (skipped without COMMS_TEST_POSTGRES_URL). */
class JdbcIdempotencyStorePostgresTest extends IdempotencyStoreContract {
    private HikariDataSource ds;
    private IdempotencyStore store;

    @BeforeAll
    void open() {
        if (!Databases.postgresEnabled()) {
            System.out.println(Databases.skipMessage());
        }
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
        ds = Databases.postgres("comms-idempotency", 40);
        store = JdbcIdempotencyStore.create(ds, retention());
    }

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
        if (ds != null) {
            ds.close();
        }
    }
}
