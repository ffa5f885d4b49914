package dev.comms.spring;

import dev.comms.Comms;
import dev.comms.CommsConfigurationException;
import dev.comms.CommsListener;
import dev.comms.billing.Credits;
import dev.comms.billing.InMemoryLedger;
import dev.comms.billing.Ledger;
import dev.comms.billing.LedgerCreditMeter;
import dev.comms.billing.PriceBook;
import dev.comms.billing.PriceSchedule;
import dev.comms.spi.Admission;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.CreditMeter;
import dev.comms.spi.IdempotencyStore;
import dev.comms.spi.Sleeper;
import java.time.Clock;
import java.time.Duration;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;

/**
 * Builds one {@link Comms} bean from the {@code comms.*} settings of the Environment, unless the
 * application defines its own. The context's {@link CommsProvider}, {@link CommsListener},
 * {@link Clock}, {@link Sleeper}, {@link CreditMeter}, {@link Admission} and {@link IdempotencyStore}
 * beans are handed to the builder, then every {@link CommsBuilderCustomizer}. The bean is closed with
 * the context (waiting up to {@code comms.shutdown.grace} for sends in flight).
 *
 * <p>Credit metering only with {@code comms.billing.enabled=true}: then a {@link Ledger} (JDBC on the
 * context's DataSource when comms-store-jdbc is present, else in memory; {@code comms.billing.ledger}
 * chooses), a {@link Credits} bean for top-ups, and a {@link LedgerCreditMeter} priced from
 * {@code comms.price.*}.
 */
@AutoConfiguration(afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(Comms.class)
@EnableConfigurationProperties(CommsProperties.class)
public class CommsAutoConfiguration {
    private static final Logger LOG = LoggerFactory.getLogger(CommsAutoConfiguration.class);

    /** Creates the configuration (Spring does). */
    public CommsAutoConfiguration() {
    }

    /**
     * @param environment the application's environment
     * @return the {@code comms.*} settings handed to the builder
     */
    @Bean
    @ConditionalOnMissingBean
    public CommsSettings commsSettings(ConfigurableEnvironment environment) {
        return CommsSettings.of(environment);
    }

    /**
     * @param settings the {@code comms.*} settings
     * @param providers providers to add in code (an explicit choice, such as the testkit's fakes in tests)
     * @param listeners listeners, in {@code @Order}
     * @param clock the clock, if the context has exactly one
     * @param sleeper how retries wait, if the context has one
     * @param meter the credit meter, if any
     * @param admission rate limits, if any
     * @param idempotency the idempotency store, if any
     * @param customizers applied last, in {@code @Order}
     * @return the facade, closed with the context
     * @throws CommsConfigurationException listing every configuration problem
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnMissingBean
    public Comms comms(CommsSettings settings, ObjectProvider<CommsProvider> providers, ObjectProvider<CommsListener> listeners,
            ObjectProvider<Clock> clock, ObjectProvider<Sleeper> sleeper, ObjectProvider<CreditMeter> meter,
            ObjectProvider<Admission> admission, ObjectProvider<IdempotencyStore> idempotency,
            ObjectProvider<CommsBuilderCustomizer> customizers) {
        Comms.Builder builder = Comms.builder().ambientConfiguration(false).environment(settings.environment())
                .properties(settings.properties()).classLoader(CommsAutoConfiguration.class.getClassLoader());
        providers.orderedStream().forEach(builder::provider);
        listeners.orderedStream().forEach(builder::listener);
        clock.ifUnique(builder::clock);
        sleeper.ifUnique(builder::sleeper);
        meter.ifUnique(builder::creditMeter);
        admission.ifUnique(builder::admission);
        idempotency.ifUnique(builder::idempotencyStore);
        customizers.orderedStream().forEach(c -> c.customize(builder));
        Comms comms = builder.build();
        LOG.info("Comms {} built from {} comms.* settings: {}", comms.version().version(), settings.properties().size(), comms);
        return comms;
    }

    /** Credit metering, only when {@code comms.billing.enabled=true}. */
    @Configuration(proxyBeanMethods = false)
    @ConditionalOnBooleanProperty(name = "comms.billing.enabled")
    public static class BillingConfiguration {
        /** Creates the configuration (Spring does). */
        public BillingConfiguration() {
        }

        /**
         * @param properties the starter's settings
         * @param dataSource the context's DataSource, if it has exactly one
         * @param clock the clock, if the context has exactly one
         * @return the JDBC ledger or the in-memory one
         */
        @Bean
        @ConditionalOnMissingBean
        public Ledger commsLedger(CommsProperties properties, ObjectProvider<DataSource> dataSource, ObjectProvider<Clock> clock) {
            CommsProperties.LedgerType type = properties.getBilling().getLedger();
            boolean jdbcPresent = ClassUtils.isPresent("dev.comms.store.jdbc.JdbcLedger", CommsAutoConfiguration.class.getClassLoader());
            DataSource ds = dataSource.getIfUnique();
            if (type == CommsProperties.LedgerType.JDBC || (type == CommsProperties.LedgerType.AUTO && jdbcPresent && ds != null)) {
                if (!jdbcPresent) {
                    throw new CommsConfigurationException("comms.billing.ledger=jdbc needs dev.comms:comms-store-jdbc on the class path");
                }
                if (ds == null) {
                    throw new CommsConfigurationException("comms.billing.ledger=jdbc needs exactly one DataSource bean in the context");
                }
                boolean migrate = properties.getJdbc().isMigrations();
                LOG.info("Comms credits are kept in the JDBC ledger ({})", migrate ? "schema migrated at start-up" : "schema checked, not migrated");
                return JdbcLedgers.open(ds, migrate);
            }
            LOG.info("Comms credits are kept in memory (lost on restart): add comms-store-jdbc and a DataSource to keep them");
            return new InMemoryLedger(clock.getIfUnique(Clock::systemUTC));
        }

        /**
         * @param ledger the ledger
         * @return top-ups, grants and balances on that ledger
         */
        @Bean
        @ConditionalOnMissingBean
        public Credits commsCredits(Ledger ledger) {
            return new Credits(ledger);
        }

        /**
         * @param ledger the ledger
         * @param settings the {@code comms.*} settings ({@code comms.price.*} prices)
         * @param clock the clock, if the context has exactly one
         * @return the credit meter the facade calls
         */
        @Bean
        @ConditionalOnMissingBean(CreditMeter.class)
        public LedgerCreditMeter commsCreditMeter(Ledger ledger, CommsSettings settings, ObjectProvider<Clock> clock) {
            return LedgerCreditMeter.builder(ledger).prices(PriceSchedule.of(PriceBook.fromSettings(settings.properties())))
                    .clock(clock.getIfUnique(Clock::systemUTC)).build();
        }
    }

    /** Kept apart so that nothing loads comms-store-jdbc's classes unless it is on the class path. */
    private static final class JdbcLedgers {
        private static final Duration BUDGET = Duration.ofSeconds(5);

        static Ledger open(DataSource ds, boolean migrate) {
            return migrate ? dev.comms.store.jdbc.JdbcLedger.create(ds, BUDGET) : dev.comms.store.jdbc.JdbcLedger.open(ds, BUDGET);
        }
    }
}
