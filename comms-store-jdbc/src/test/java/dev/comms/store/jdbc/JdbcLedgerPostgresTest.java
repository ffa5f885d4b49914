package dev.comms.store.jdbc;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariDataSource;
import dev.comms.billing.Ledger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The ledger contract on PostgreSQL; skipped, saying so, without COMMS_TEST_POSTGRES_URL. */
class JdbcLedgerPostgresTest extends JdbcLedgerContract {
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

    @AfterAll
    void close() {
        if (ds != null) {
            ds.close();
        }
    }
}
