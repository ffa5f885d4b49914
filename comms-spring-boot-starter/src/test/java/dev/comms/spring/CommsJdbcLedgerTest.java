package dev.comms.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.comms.Billing;
import dev.comms.Comms;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.Sms;
import dev.comms.billing.Credits;
import dev.comms.billing.Ledger;
import dev.comms.store.jdbc.JdbcLedger;
import dev.comms.testkit.FakeProvider;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** A DataSource in the context plus comms-store-jdbc on the class path: the JDBC ledger. */
class CommsJdbcLedgerTest {
    private static final String POSTGRES = System.getenv("COMMS_TEST_POSTGRES_URL");

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, CommsAutoConfiguration.class))
            .withBean(FakeProvider.class, FakeProvider::new)
            .withPropertyValues("comms.sms.from=Acme", "comms.maintenance.interval=0", "comms.billing.enabled=true");

    private static void sendsAndCharges(Comms comms, Credits credits, String account) {
        credits.grant(account, Mode.LIVE, Money.ofPounds(1), "welcome-" + account);
        Billing b = comms.forAccount(account).sms().send(Sms.to("+447123456789").body("hi").build()).billing();
        assertThat(b.cost()).isEqualTo(Money.ofPence(3));
        assertThat(b.balance()).isEqualTo(Money.ofPence(97));
    }

    @Test
    void aDataSourceGivesTheJdbcLedgerWithItsSchemaMigrated() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:comms-" + UUID.randomUUID()).run(ctx -> {
            assertThat(ctx.getBean(Ledger.class)).isInstanceOf(JdbcLedger.class);
            sendsAndCharges(ctx.getBean(Comms.class), ctx.getBean(Credits.class), "acme");
        });
    }

    @Test
    void migrationsSwitchedOffRefuseASchemaThatIsNotThere() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:comms-" + UUID.randomUUID(), "comms.jdbc.migrations=false")
                .run(ctx -> assertThat(ctx).getFailure().hasStackTraceContaining("schema is at version 0"));
    }

    @Test
    void memoryWhenAskedForDespiteTheDataSource() {
        runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:comms-" + UUID.randomUUID(), "comms.billing.ledger=memory")
                .run(ctx -> assertThat(ctx.getBean(Ledger.class)).isInstanceOf(dev.comms.billing.InMemoryLedger.class));
    }

    @Test
    void onPostgresqlWithoutMigratingTheSharedSchema() {
        assumeTrue(POSTGRES != null && !POSTGRES.isBlank(), "PostgreSQL test SKIPPED: set COMMS_TEST_POSTGRES_URL to run it");
        String account = "spring-" + UUID.randomUUID();
        runner.withPropertyValues("spring.datasource.url=" + POSTGRES, "comms.jdbc.migrations=false").run(ctx -> {
            assertThat(ctx).hasNotFailed();
            assertThat(ctx.getBean(Ledger.class)).isInstanceOf(JdbcLedger.class);
            sendsAndCharges(ctx.getBean(Comms.class), ctx.getBean(Credits.class), account);
        });
    }
}
