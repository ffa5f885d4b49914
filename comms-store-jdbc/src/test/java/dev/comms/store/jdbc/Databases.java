package dev.comms.store.jdbc;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.util.UUID;

/** Data sources for the tests: H2 in file mode always, PostgreSQL when COMMS_TEST_POSTGRES_URL is set. */
final class Databases {
    static final String POSTGRES_URL = System.getenv("COMMS_TEST_POSTGRES_URL");

    private Databases() {
    }

    static boolean postgresEnabled() {
        return POSTGRES_URL != null && !POSTGRES_URL.isBlank();
    }

    static String skipMessage() {
        return "PostgreSQL tests SKIPPED: set COMMS_TEST_POSTGRES_URL (for example "
                + "jdbc:postgresql://127.0.0.1:5432/test?user=postgres) to run them; .ci/run sets it";
    }

    static HikariDataSource h2File() {
        Path dir = Path.of("target", "h2").toAbsolutePath();
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl("jdbc:h2:file:" + dir.resolve("ledger-" + UUID.randomUUID()) + ";LOCK_TIMEOUT=20000");
        c.setMaximumPoolSize(16);
        c.setPoolName("h2-ledger");
        return new HikariDataSource(c);
    }

    static HikariDataSource postgres(String applicationName, int poolSize) {
        HikariConfig c = new HikariConfig();
        c.setJdbcUrl(POSTGRES_URL);
        c.setMaximumPoolSize(poolSize);
        c.setPoolName(applicationName);
        c.addDataSourceProperty("ApplicationName", applicationName);
        c.setConnectionTimeout(10_000);
        return new HikariDataSource(c);
    }
}
