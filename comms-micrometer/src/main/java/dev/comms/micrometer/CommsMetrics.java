package dev.comms.micrometer;

import dev.comms.AttemptEvent;
import dev.comms.Billing;
import dev.comms.BillingEvent;
import dev.comms.Channel;
import dev.comms.CommsException;
import dev.comms.CommsListener;
import dev.comms.Money;
import dev.comms.Receipt;
import dev.comms.SmsReceipt;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A {@link CommsListener} that records what the facade does as Micrometer meters, with tags whose
 * number of values is bounded whatever the traffic:
 *
 * <ul>
 *   <li>{@code comms.sends} (counter): one per send, tags {@code channel}, {@code provider} ({@code none}
 *       when the send failed before any provider was chosen), {@code outcome} ({@code sent} or
 *       {@code failed}) and {@code error} (the {@link dev.comms.ErrorCode} name, or {@code none});</li>
 *   <li>{@code comms.attempts} (timer): one per provider call, tags {@code channel}, {@code provider},
 *       {@code outcome} ({@code success}, {@code not_sent}, {@code ambiguous}, {@code permanent});</li>
 *   <li>{@code comms.sms.segments} (distribution summary): the segments of every SMS sent, tags
 *       {@code provider} and {@code encoding} ({@code gsm_7} or {@code ucs_2});</li>
 *   <li>{@code comms.cost} (counter, base unit pence): what was charged, tags {@code channel} and
 *       {@code mode} ({@code live} or {@code test}): receipts charged or deferred, and sends charged later
 *       by reconciliation ({@code RECONCILED_SENT}, {@code UNKNOWN_OUTCOME_CHARGED});</li>
 *   <li>{@code comms.billing.events} (counter): every {@link BillingEvent}, tags {@code kind},
 *       {@code channel}, {@code mode}.</li>
 * </ul>
 *
 * <p>Never a recipient, a message id or a body in a tag. Account ids are tags only when asked for
 * ({@link Builder#accountTags(int)}), on {@code comms.cost} and {@code comms.billing.events} (the
 * events that carry an account), and then at most that many distinct accounts, later ones as
 * {@code other}.
 *
 * <pre>{@code
 * MeterRegistry registry = new SimpleMeterRegistry();
 * try (Comms comms = Comms.builder().listener(CommsMetrics.of(registry)).build()) {
 *     new CommsHealthMetrics(comms).bindTo(registry);      // circuit-state gauges
 *     comms.sms().send(sms);
 * }
 * }</pre>
 *
 * <p>With an {@link ObservationRegistry} ({@link Builder#observations}) every send also makes one
 * {@link Observation} named {@code comms.send}, on the sending thread, so a tracer bridged to that
 * registry sees it inside the caller's span. The listener API reports a send's outcome, not its start,
 * so the observation marks the outcome (its low-cardinality keys are the tags above, its
 * high-cardinality key {@code comms.message.id}); latencies are on {@code comms.attempts}.
 *
 * <p>Thread-safety: called concurrently by the facade; meters are created once per tag set.
 */
public final class CommsMetrics implements CommsListener {
    /** The sends counter's name. */
    public static final String SENDS = "comms.sends";
    /** The provider attempts timer's name. */
    public static final String ATTEMPTS = "comms.attempts";
    /** The SMS segments distribution's name. */
    public static final String SMS_SEGMENTS = "comms.sms.segments";
    /** The cost counter's name (pence). */
    public static final String COST = "comms.cost";
    /** The billing events counter's name. */
    public static final String BILLING_EVENTS = "comms.billing.events";
    /** The observation made per send. */
    public static final String OBSERVATION = "comms.send";

    private static final String NONE = "none";
    private static final String OTHER = "other";

    private final ObservationRegistry observations;
    private final int maxAccounts;
    private final Set<String> accounts = ConcurrentHashMap.newKeySet();
    private final Meter.MeterProvider<Counter> sends;
    private final Meter.MeterProvider<Timer> attempts;
    private final Meter.MeterProvider<DistributionSummary> segments;
    private final Meter.MeterProvider<Counter> cost;
    private final Meter.MeterProvider<Counter> billingEvents;

    private CommsMetrics(Builder b) {
        MeterRegistry registry = b.registry;
        this.observations = b.observations;
        this.maxAccounts = b.maxAccounts;
        this.sends = Counter.builder(SENDS).description("Sends by outcome; error is the Comms error code of a failed send")
                .withRegistry(registry);
        this.attempts = Timer.builder(ATTEMPTS).description("Provider calls and how long each took").withRegistry(registry);
        this.segments = DistributionSummary.builder(SMS_SEGMENTS).description("Segments per SMS sent").baseUnit("segments")
                .withRegistry(registry);
        this.cost = Counter.builder(COST).description("Credits charged for sends").baseUnit("pence").withRegistry(registry);
        this.billingEvents = Counter.builder(BILLING_EVENTS)
                .description("Money moved outside the plain held-then-charged path (see BillingEvent.Kind)").withRegistry(registry);
    }

    /**
     * Metrics on a registry, without account tags or observations.
     *
     * @param registry where meters are registered
     * @return the listener to add with {@code Comms.builder().listener(...)}
     */
    public static CommsMetrics of(MeterRegistry registry) {
        return builder(registry).build();
    }

    /**
     * @param registry where meters are registered
     * @return a builder
     */
    public static Builder builder(MeterRegistry registry) {
        return new Builder(registry);
    }

    @Override
    public void onAttempt(AttemptEvent event) {
        String outcome = event.failed().map(f -> lower(f.failureClass().name())).orElse("success");
        attempts.withTags(Tags.of("channel", event.channel().key(), "provider", event.provider(), "outcome", outcome))
                .record(event.latency());
    }

    @Override
    public void onSent(Receipt receipt) {
        String channel = receipt.channel().key();
        sends.withTags(Tags.of("channel", channel, "provider", receipt.provider(), "outcome", "sent", "error", NONE)).increment();
        if (receipt instanceof SmsReceipt sms && sms.segments() != null) {
            segments.withTags(Tags.of("provider", sms.provider(), "encoding", lower(sms.segments().encoding().name())))
                    .record(sms.segments().segmentCount());
        }
        Billing billing = receipt.billing();
        if (billing.state() == Billing.State.CHARGED || billing.state() == Billing.State.DEFERRED) {
            charge(receipt.channel(), receipt.mode(), receipt.account(), billing.cost());
        }
        observe(receipt.channel(), receipt.provider(), receipt.id(), null, receipt.attempts());
    }

    @Override
    public void onFailed(Channel channel, String messageId, CommsException error) {
        String provider = error.provider().orElse(NONE);
        sends.withTags(Tags.of("channel", channel.key(), "provider", provider, "outcome", "failed", "error", error.code().name()))
                .increment();
        observe(channel, provider, messageId, error, 0);
    }

    @Override
    public void onBilling(BillingEvent event) {
        String channel = event.channel() == null ? "unknown" : event.channel().key();
        Tags tags = Tags.of("kind", lower(event.kind().name()), "channel", channel, "mode", lower(event.mode().name()));
        if (maxAccounts > 0) {
            tags = tags.and("account", account(event.account()));
        }
        billingEvents.withTags(tags).increment();
        if (event.kind() == BillingEvent.Kind.RECONCILED_SENT || event.kind() == BillingEvent.Kind.UNKNOWN_OUTCOME_CHARGED) {
            charge(event.channel(), event.mode(), event.account(), event.amount());
        }
    }

    private void charge(Channel channel, dev.comms.Mode mode, String account, Money amount) {
        if (amount.isZero()) {
            return;
        }
        Tags tags = Tags.of("channel", channel == null ? "unknown" : channel.key(), "mode", lower(mode.name()));
        if (maxAccounts > 0) {
            tags = tags.and("account", account(account));
        }
        cost.withTags(tags).increment(amount.microPence() / (double) Money.MICROS_PER_PENNY);
    }

    private void observe(Channel channel, String provider, String messageId, CommsException error, int attemptCount) {
        if (observations == null || observations.isNoop()) {
            return;
        }
        Observation o = Observation.createNotStarted(OBSERVATION, observations)
                .contextualName("comms " + channel.key() + " send")
                .lowCardinalityKeyValues(KeyValues.of("comms.channel", channel.key(), "comms.provider", provider,
                        "comms.outcome", error == null ? "sent" : "failed", "comms.error", error == null ? NONE : error.code().name()))
                .highCardinalityKeyValue("comms.message.id", messageId == null ? "" : messageId);
        if (attemptCount > 0) {
            o.highCardinalityKeyValue("comms.attempts", Integer.toString(attemptCount));
        }
        o.start();
        if (error != null) {
            o.error(error);
        }
        o.stop();
    }

    private String account(String account) {
        if (accounts.contains(account)) {
            return account;
        }
        synchronized (accounts) {
            if (accounts.contains(account)) {
                return account;
            }
            if (accounts.size() < maxAccounts) {
                accounts.add(account);
                return account;
            }
        }
        return OTHER;
    }

    private static String lower(String name) {
        return name.toLowerCase(Locale.ROOT);
    }

    /** Builds a {@link CommsMetrics}. Not thread-safe. */
    public static final class Builder {
        private final MeterRegistry registry;
        private ObservationRegistry observations;
        private int maxAccounts;

        private Builder(MeterRegistry registry) {
            this.registry = Objects.requireNonNull(registry, "registry");
        }

        /**
         * Adds an {@code account} tag to {@code comms.cost} and {@code comms.billing.events}. Off by
         * default: every account is a new time series, which a backend bills for.
         *
         * @param maxAccounts how many distinct accounts get their own tag value (1 to 10,000); later ones are
         *     tagged {@code other}
         * @return this builder
         */
        public Builder accountTags(int maxAccounts) {
            if (maxAccounts < 1 || maxAccounts > 10_000) {
                throw new IllegalArgumentException("maxAccounts must be 1 to 10,000 (got " + maxAccounts + ")");
            }
            this.maxAccounts = maxAccounts;
            return this;
        }

        /**
         * Makes an {@link Observation} named {@code comms.send} per send.
         *
         * @param registry the application's observation registry (the one its tracer is bridged to)
         * @return this builder
         */
        public Builder observations(ObservationRegistry registry) {
            this.observations = Objects.requireNonNull(registry, "registry");
            return this;
        }

        /** @return the listener */
        public CommsMetrics build() {
            return new CommsMetrics(this);
        }
    }
}
