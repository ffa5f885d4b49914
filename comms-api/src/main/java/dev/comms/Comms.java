package dev.comms;

import dev.comms.internal.CommsRuntime;
import dev.comms.internal.RuntimeSpec;
import dev.comms.spi.Admission;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.CreditMeter;
import dev.comms.spi.IdempotencyStore;
import dev.comms.spi.Sleeper;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutorService;

/**
 * The facade: one object that sends email, SMS, voice calls and AI chat completions through the
 * configured providers, with validation, segments, metering, limits, retries, failover,
 * idempotency and health done the same way for all of them.
 *
 * <pre>{@code
 * try (Comms comms = Comms.builder().build()) {            // providers found on the class path
 *     SmsReceipt r = comms.sms().send(Sms.to("+447123456789").body("Your code is 123456").build());
 *     comms.email().send(Email.to("ada@example.com").from("hi@example.com").subject("Hi").text("Hello").build());
 *     comms.voice().send(VoiceCall.to("+447123456789").from("+14155550100").say("Hello").build());
 *     String answer = comms.ai().send(ChatRequest.user("Say hi").build()).text();
 * }
 * }</pre>
 *
 * <p>Build one facade and share it: it is immutable and thread-safe, and owns provider clients
 * and a bounded thread pool for {@code sendAsync} ({@code comms.async.threads}, 64 by default, with a
 * queue of {@code comms.async.queue}, 10,000; a full queue fails the future with
 * {@code SERVICE_UNAVAILABLE} unless {@code comms.async.when-full=caller-runs}). {@link #close()}
 * stops intake, waits for sends in flight and releases them. There is no static instance.
 * {@link #forAccount(String)} gives a view bound to another account (tenant), sharing everything
 * else; closing a view does nothing.
 */
public final class Comms implements AutoCloseable {
    private final CommsRuntime runtime;
    private final String account;
    private final Mode mode;
    private final SmsClient sms;
    private final EmailClient email;
    private final VoiceClient voice;
    private final AiClient ai;
    /** False for a view from {@link #forAccount}: only the facade the builder made closes the runtime. */
    private final boolean owner;

    private Comms(CommsRuntime runtime, String account, Mode mode, boolean owner) {
        this.runtime = runtime;
        this.owner = owner;
        this.account = account;
        this.mode = mode;
        this.sms = runtime.sms(account, mode);
        this.email = runtime.email(account, mode);
        this.voice = runtime.voice(account, mode);
        this.ai = runtime.ai(account, mode);
    }

    /** @return a new builder */
    public static Builder builder() {
        return new Builder();
    }

    /** @return the SMS client */
    public SmsClient sms() {
        return sms;
    }

    /** @return the email client */
    public EmailClient email() {
        return email;
    }

    /** @return the voice call client */
    public VoiceClient voice() {
        return voice;
    }

    /** @return the AI chat completion client */
    public AiClient ai() {
        return ai;
    }

    /** @return the account sends of this view belong to */
    public String account() {
        return account;
    }

    /** @return the mode of this view */
    public Mode mode() {
        return mode;
    }

    /**
     * A view of this facade whose sends belong to another account, in the same mode.
     *
     * @param accountId the account (tenant) id
     * @return the view; closing it does nothing (close the facade the builder made)
     */
    public Comms forAccount(String accountId) {
        return forAccount(accountId, mode);
    }

    /**
     * A view of this facade bound to an account and a mode.
     *
     * @param accountId the account (tenant) id
     * @param mode live, or test (the sandbox provider and the test balance)
     * @return the view; closing it does nothing (close the facade the builder made)
     */
    public Comms forAccount(String accountId, Mode mode) {
        if (accountId == null || accountId.isBlank() || accountId.length() > 128 || accountId.chars().anyMatch(c -> c < 0x21)) {
            throw new IllegalArgumentException("account id must be 1 to 128 printable characters without spaces");
        }
        return new Comms(runtime, accountId, Objects.requireNonNull(mode, "mode"), false);
    }

    /**
     * @return delivery events: verified provider webhooks processed once, acting on holds (see
     *     {@link dev.comms.event.Events})
     */
    public dev.comms.event.Events events() {
        return runtime.events();
    }

    /** @return health per channel and provider in this view's mode (the hosted API's /health) */
    public Health health() {
        return runtime.health(mode);
    }

    /** @return what is configured, secrets shown as set or unset (the hosted API's /status) */
    public Status status() {
        return runtime.status();
    }

    /** @return version, features and providers (the hosted API's /version) */
    public Version version() {
        return runtime.version();
    }

    /**
     * Settles sends whose outcome is unknown (an ambiguous provider answer) by asking their provider,
     * then runs the credit meter's maintenance: leases that ran out, charges kept while the ledger
     * was unreachable, retention. It runs by itself every {@code comms.maintenance.interval} (30 s by
     * default) when a credit meter is installed; call it to run a pass now.
     *
     * @return what the pass did
     */
    public ReconcileReport reconcile() {
        return runtime.reconcile();
    }

    /**
     * Closes the facade: stops intake (every later send, synchronous or async, is refused with
     * {@code SERVICE_UNAVAILABLE}), waits up to {@code comms.shutdown.grace} (30 s by default) for sends
     * in flight and queued async sends, then cancels what is left (their futures fail) and closes
     * provider clients. Idempotent. On a view from {@link #forAccount} it does nothing.
     */
    @Override
    public void close() {
        if (owner) {
            runtime.close();
        }
    }

    @Override
    public String toString() {
        return "Comms{account=" + account + ", mode=" + mode + ", providers=" + runtime.status().providers() + '}';
    }

    /**
     * Builds a {@link Comms}. Not thread-safe; build once and share the facade.
     *
     * <p>Configuration precedence, highest first: {@link #property}, system properties, environment
     * variables ({@code COMMS_SMS_PROVIDERS} for {@code comms.sms.providers}), {@link #propertiesFile},
     * then {@code comms.properties} on the class path. Everything is validated when {@link #build()}
     * runs, and every problem is reported at once.
     */
    public static final class Builder {
        private final RuntimeSpec spec = new RuntimeSpec();

        private Builder() {
        }

        /**
         * @param enabled false to ignore providers on the class path (tests add theirs in code)
         * @return this builder
         */
        public Builder autoDiscovery(boolean enabled) {
            spec.autoDiscovery = enabled;
            return this;
        }

        /**
         * Adds a provider in code. Providers added in code are an explicit choice: they serve their
         * channels (in the order added) unless {@code comms.<channel>.providers} says otherwise.
         *
         * @param provider the provider
         * @return this builder
         */
        public Builder provider(CommsProvider provider) {
            spec.providers.add(Objects.requireNonNull(provider, "provider"));
            return this;
        }

        /**
         * @param key a configuration key, such as {@code comms.sms.from}
         * @param value its value
         * @return this builder
         */
        public Builder property(String key, String value) {
            spec.sources.put(Objects.requireNonNull(key, "key"), value);
            return this;
        }

        /**
         * @param properties configuration keys and values
         * @return this builder
         */
        public Builder properties(Map<String, String> properties) {
            properties.forEach(this::property);
            return this;
        }

        /**
         * @param properties configuration keys and values
         * @return this builder
         */
        public Builder properties(Properties properties) {
            for (String name : properties.stringPropertyNames()) {
                property(name, properties.getProperty(name));
            }
            return this;
        }

        /**
         * Reads a properties file (UTF-8), below code, system properties and the environment.
         *
         * @param file the file
         * @return this builder
         */
        public Builder propertiesFile(Path file) {
            spec.sources.file(file);
            return this;
        }

        /**
         * Replaces the process environment, for tests.
         *
         * @param environment variables such as {@code COMMS_TWILIO_AUTH_TOKEN}
         * @return this builder
         */
        public Builder environment(Map<String, String> environment) {
            spec.environment = Map.copyOf(environment);
            return this;
        }

        /**
         * @param enabled false to ignore system properties and {@code comms.properties} on the class path (tests)
         * @return this builder
         */
        public Builder ambientConfiguration(boolean enabled) {
            spec.systemProperties = enabled;
            spec.classpathProperties = enabled;
            if (!enabled && spec.environment == null) {
                spec.environment = Map.of();
            }
            return this;
        }

        /**
         * @param loader the class loader to discover providers and {@code comms.properties} in
         * @return this builder
         */
        public Builder classLoader(ClassLoader loader) {
            spec.classLoader = loader;
            return this;
        }

        /**
         * @param mode the default mode, overriding {@code comms.mode}
         * @return this builder
         */
        public Builder mode(Mode mode) {
            spec.mode = Objects.requireNonNull(mode, "mode");
            return this;
        }

        /**
         * @param clock the clock for timestamps, leases and breakers (tests control it)
         * @return this builder
         */
        public Builder clock(Clock clock) {
            spec.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /**
         * @param sleeper how retries wait (tests advance a fake clock instead)
         * @return this builder
         */
        public Builder sleeper(Sleeper sleeper) {
            spec.sleeper = Objects.requireNonNull(sleeper, "sleeper");
            return this;
        }

        /**
         * @param listener a hook for metrics and audit; may be added several times
         * @return this builder
         */
        public Builder listener(CommsListener listener) {
            spec.listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * @param meter the credit meter ({@code comms-billing}); none by default
         * @return this builder
         */
        public Builder creditMeter(CreditMeter meter) {
            spec.meter = Objects.requireNonNull(meter, "meter");
            return this;
        }

        /**
         * @param admission rate limits and concurrency slots; unlimited by default
         * @return this builder
         */
        public Builder admission(Admission admission) {
            spec.admission = Objects.requireNonNull(admission, "admission");
            return this;
        }

        /**
         * Where processed event ids and message statuses are kept: in memory by default;
         * {@code JdbcEventStore} (comms-store-jdbc) shares them between JVMs.
         *
         * @param store the store
         * @return this builder
         */
        public Builder eventStore(dev.comms.spi.EventStore store) {
            spec.eventStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * Adds a send policy (a suppression list, quiet hours, an allow-list, your own); policies run in
         * the order added, before anything is held or sent.
         *
         * @param policy the policy
         * @return this builder
         */
        public Builder policy(dev.comms.policy.SendPolicy policy) {
            spec.policies.add(Objects.requireNonNull(policy, "policy"));
            return this;
        }

        /**
         * Where the facade's own limits ({@code comms.limits.*}) keep their state: in memory by
         * default; {@code JdbcLimitStore} (comms-store-jdbc) shares them between JVMs.
         *
         * @param store the store
         * @return this builder
         */
        public Builder limitStore(dev.comms.spi.LimitStore store) {
            spec.limitStore = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @param store where idempotency records live; in memory by default
         * @return this builder
         */
        public Builder idempotencyStore(IdempotencyStore store) {
            spec.idempotency = Objects.requireNonNull(store, "store");
            return this;
        }

        /**
         * @param executor runs {@code sendAsync}; the caller keeps ownership (the facade does not shut it down)
         * @return this builder
         */
        public Builder executor(ExecutorService executor) {
            spec.executor = Objects.requireNonNull(executor, "executor");
            return this;
        }

        /**
         * Loads providers, validates every setting and creates provider clients.
         *
         * @return the facade
         * @throws CommsConfigurationException listing every problem found
         */
        public Comms build() {
            CommsRuntime runtime = CommsRuntime.build(spec);
            return new Comms(runtime, runtime.defaultAccount(), runtime.defaultMode(), true);
        }
    }
}
