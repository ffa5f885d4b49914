package dev.comms.store.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import dev.comms.billing.Ledger;
import dev.comms.billing.contract.LedgerContract;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;

/** The ledger contract on H2 in file mode (one node, no server). */
class JdbcLedgerH2Test extends LedgerContract {
    private final HikariDataSource ds = Databases.h2File();
    private final JdbcLedger ledger = JdbcLedger.create(ds);

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
        ds.close();
    }
}
