package dev.comms.spring;

import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The starter's own settings under {@code comms.*}. Every other {@code comms.*} key (the facade's and
 * the providers', as in {@code comms.properties}) is handed to {@code Comms.builder()} unchanged and
 * validated there; those keys are listed in this jar's configuration metadata too, so IDEs complete
 * them.
 */
@ConfigurationProperties("comms")
public class CommsProperties {
    private final Billing billing = new Billing();
    private final Jdbc jdbc = new Jdbc();
    private final Metrics metrics = new Metrics();
    private final Health health = new Health();
    private final Webhooks webhooks = new Webhooks();

    /** Creates the defaults. */
    public CommsProperties() {
    }

    /** @return credit metering settings */
    public Billing getBilling() {
        return billing;
    }

    /** @return JDBC store settings */
    public Jdbc getJdbc() {
        return jdbc;
    }

    /** @return Micrometer settings */
    public Metrics getMetrics() {
        return metrics;
    }

    /** @return Actuator health settings */
    public Health getHealth() {
        return health;
    }

    /** @return the webhook endpoint's settings */
    public Webhooks getWebhooks() {
        return webhooks;
    }

    /** Provider webhooks handed to {@code comms.events()}. */
    public static class Webhooks {
        /** The path provider webhooks are posted to, with a {provider} variable, such as /comms/webhooks/{provider}; unset: no endpoint. */
        private String path;

        /** Creates the defaults. */
        public Webhooks() {
        }

        /** @return the path, or null when no endpoint is mapped */
        public String getPath() {
            return path;
        }

        /** @param path the path, with a {provider} variable */
        public void setPath(String path) {
            this.path = path;
        }
    }

    /** Where credits are kept. */
    public enum LedgerType {
        /** The JDBC ledger when the context has a DataSource and comms-store-jdbc is on the class path, else in memory. */
        AUTO,
        /** In memory (lost on restart; one JVM). */
        MEMORY,
        /** comms-store-jdbc on the context's DataSource (PostgreSQL across JVMs, or H2). */
        JDBC
    }

    /** Credit metering: opt-in, so adding the starter never starts refusing live sends on a zero balance. */
    public static class Billing {
        /** Meter every send against prepaid credits (INSUFFICIENT_CREDITS when the balance is short). */
        private boolean enabled;
        /** Where the credits are kept. */
        private LedgerType ledger = LedgerType.AUTO;

        /** Creates the defaults. */
        public Billing() {
        }

        /** @return whether sends are metered */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether sends are metered */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return where the credits are kept */
        public LedgerType getLedger() {
            return ledger;
        }

        /** @param ledger where the credits are kept */
        public void setLedger(LedgerType ledger) {
            this.ledger = ledger;
        }
    }

    /** The JDBC store. */
    public static class Jdbc {
        /** Create or upgrade the ledger's tables at start-up; when false the schema must already be current. */
        private boolean migrations = true;

        /** Creates the defaults. */
        public Jdbc() {
        }

        /** @return whether migrations run at start-up */
        public boolean isMigrations() {
            return migrations;
        }

        /** @param migrations whether migrations run at start-up */
        public void setMigrations(boolean migrations) {
            this.migrations = migrations;
        }
    }

    /** Micrometer. */
    public static class Metrics {
        /** Record comms.* meters when the context has a MeterRegistry. */
        private boolean enabled = true;
        /** Tag comms.cost and comms.billing.events with the account, for at most this many accounts (0: no account tags). */
        private int accountTags;
        /** Make an Observation per send when the context has an ObservationRegistry. */
        private boolean observations = true;

        /** Creates the defaults. */
        public Metrics() {
        }

        /** @return whether meters are recorded */
        public boolean isEnabled() {
            return enabled;
        }

        /** @param enabled whether meters are recorded */
        public void setEnabled(boolean enabled) {
            this.enabled = enabled;
        }

        /** @return how many accounts get their own tag value; 0 for none */
        public int getAccountTags() {
            return accountTags;
        }

        /** @param accountTags how many accounts get their own tag value; 0 for none */
        public void setAccountTags(int accountTags) {
            this.accountTags = accountTags;
        }

        /** @return whether an Observation is made per send */
        public boolean isObservations() {
            return observations;
        }

        /** @param observations whether an Observation is made per send */
        public void setObservations(boolean observations) {
            this.observations = observations;
        }
    }

    /** Actuator health. */
    public static class Health {
        /** Channels the application sends on: DOWN when one has no provider (others are UNKNOWN then). */
        private List<String> requiredChannels = new ArrayList<>();

        /** Creates the defaults. */
        public Health() {
        }

        /**
         * @return the channels that must have a provider ({@code email}, {@code sms}, {@code voice}, {@code ai})
         */
        public List<String> getRequiredChannels() {
            return requiredChannels;
        }

        /** @param requiredChannels the channels that must have a provider */
        public void setRequiredChannels(List<String> requiredChannels) {
            this.requiredChannels = requiredChannels;
        }
    }
}
