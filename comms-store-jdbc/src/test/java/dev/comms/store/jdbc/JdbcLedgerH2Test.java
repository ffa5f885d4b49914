package dev.comms.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.comms.billing.Ledger;
import org.junit.jupiter.api.AfterAll;

/** The ledger contract on H2 in file mode (one node, no server). */
class JdbcLedgerH2Test extends JdbcLedgerContract {
    private final HikariDataSource ds = Databases.h2File();
    private final JdbcLedger ledger = JdbcLedger.create(ds);

    @Override
    protected Ledger ledger() {
        return ledger;
    }

    @AfterAll
    void close() {
        ds.close();
    }
}
