package dev.comms.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.comms.billing.Ledger;
import dev.comms.billing.contract.LedgerContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ledger contract on PostgreSQL; skipped, saying so, without COMMS_TEST_POSTGRES_URL. */
class JdbcLedgerPostgresTest extends LedgerContract {
    private HikariDataSource ds;
    private JdbcLedger ledger;

    @BeforeAll
    void open() {
        if (!Databases.postgresEnabled()) {
            System.out.println(Databases.skipMessage());
        }
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
        ds = Databases.postgres("comms-ledger-test", 20);
        ledger = JdbcLedger.create(ds);
    }

    @Override
    protected Ledger ledger() {
        return ledger;
    }

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

    @AfterAll
    void close() {
        if (ds != null) {
            ds.close();
        }
    }
}
