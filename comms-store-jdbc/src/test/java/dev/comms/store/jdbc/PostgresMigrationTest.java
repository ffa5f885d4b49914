package dev.comms.store.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.comms.billing.contract.LedgerScenarios;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Six pools (as six JVMs starting at once) create the ledger in an empty schema concurrently: the
 * advisory lock lets each version apply once and every start succeed.
 */
class PostgresMigrationTest {
    @Test
    void concurrentStartsMigrateOnce() throws Exception {
        if (!Databases.postgresEnabled()) {
            System.out.println(Databases.skipMessage());
        }
        assumeTrue(Databases.postgresEnabled(), Databases::skipMessage);
        String schema = "comms_mig_" + Long.toString(System.nanoTime(), 36);
        try (HikariDataSource admin = Databases.postgres("comms-migration-admin", 1)) {
            try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA " + schema);
            }
            List<HikariDataSource> pools = new ArrayList<>();
            try {
                for (int i = 0; i < 6; i++) {
                    HikariConfig cfg = new HikariConfig();
                    cfg.setJdbcUrl(Databases.POSTGRES_URL);
                    cfg.setMaximumPoolSize(2);
                    cfg.addDataSourceProperty("currentSchema", schema);
                    pools.add(new HikariDataSource(cfg));
                }
                LedgerScenarios.run(6, t -> JdbcLedger.create(pools.get(t)));
                try (Connection c = admin.getConnection(); Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("SELECT COUNT(*), MAX(version) FROM " + schema + ".comms_schema_version")) {
                    rs.next();
                    System.out.printf("pg_migration starts=6 versions=%d max=%d%n", rs.getInt(1), rs.getInt(2));
                    assertThat(rs.getInt(1)).isEqualTo(Migrations.latestVersion());
                    assertThat(rs.getInt(2)).isEqualTo(Migrations.latestVersion());
                }
            } finally {
                pools.forEach(HikariDataSource::close);
                try (Connection c = admin.getConnection(); Statement s = c.createStatement()) {
                    s.execute("DROP SCHEMA " + schema + " CASCADE");
                }
            }
        }
    }
}
