package dev.comms.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.billing.EntryKind;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** {@link JdbcLedger#open}: the path for applications whose schema is migrated by someone else. */
class OpenWithoutMigratingTest {
    @Test
    void refusesAnEmptySchemaNamingTheVersionsAndCreatesNothing() throws Exception {
        try (HikariDataSource ds = Databases.h2File()) {
            assertThatThrownBy(() -> JdbcLedger.open(ds, Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("at version 0").hasMessageContaining("needs version " + Migrations.latestVersion())
                    .hasMessageContaining("V1__credit_ledger.sql").hasMessageContaining("comms.jdbc.migrations=true");
            try (Connection c = ds.getConnection(); Statement s = c.createStatement();
                    ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC'")) {
                rs.next();
                assertThat(rs.getInt(1)).isZero();
            }
        }
    }

    @Test
    void opensASchemaThatCreateMigrated() {
        try (HikariDataSource ds = Databases.h2File()) {
            JdbcLedger.create(ds).credit("acme", Mode.LIVE, Money.ofPence(500), "seed", EntryKind.GRANT);
            JdbcLedger opened = JdbcLedger.open(ds, Duration.ofSeconds(1));
            assertThat(opened.balance("acme", Mode.LIVE).available()).isEqualTo(Money.ofPence(500));
        }
    }
}
