package dev.comms.internal;

import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.EmailAddress;
import dev.comms.InvalidMessageException;
import dev.comms.Mode;
import dev.comms.Phone;
import dev.comms.spi.Config;
import dev.comms.spi.ConfigKey;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The facade's own settings, declared, read and validated all at once. */
public final class Settings {
    /** Every key the facade itself reads. */
    public static final List<ConfigKey> KEYS;

    static {
        List<ConfigKey> k = new ArrayList<>();
        k.add(ConfigKey.optional("comms.mode", "live or test: test sends go to the sandbox provider and the test balance", "live"));
        k.add(ConfigKey.optional("comms.account", "the account (tenant) sends belong to unless bound with forAccount", "default"));
        for (Channel c : Channel.values()) {
            k.add(ConfigKey.optional("comms." + c.key() + ".providers",
                    "provider ids for " + c.key() + " in failover order, such as twilio,fake", null));
        }
        k.add(ConfigKey.optional("comms.sms.from", "default SMS sender: a number or an alphanumeric sender id", null));
        k.add(ConfigKey.optional("comms.sms.require-mobile", "refuse SMS to numbers that are not mobile-capable", "true"));
        k.add(ConfigKey.optional("comms.sms.max-segments", "the most segments one SMS may take", "10"));
        k.add(ConfigKey.optional("comms.sms.smart-encoding", "replace typographic characters with GSM look-alikes before counting", "false"));
        k.add(ConfigKey.optional("comms.email.from", "default sender address", null));
        k.add(ConfigKey.optional("comms.email.from-name", "default sender display name", null));
        k.add(ConfigKey.optional("comms.voice.from", "default caller id", null));
        k.add(ConfigKey.optional("comms.voice.hold-minutes", "minutes of credit held while a call is in progress", "10"));
        k.add(ConfigKey.optional("comms.voice.max-call-duration", "the longest a call may last (Twilio's own limit is 4h): "
                + "a call's hold lives for its ring timeout plus this", "4h"));
        k.add(ConfigKey.optional("comms.ai.model", "default AI model", "gpt-4o-mini"));
        k.add(ConfigKey.optional("comms.ai.max-tokens", "completion tokens assumed when estimating a request without maxTokens", "1024"));
        k.add(ConfigKey.optional("comms.retry.max-attempts", "the most provider calls per send, failovers included", "3"));
        k.add(ConfigKey.optional("comms.retry.base-delay", "first backoff ceiling (full jitter)", "200ms"));
        k.add(ConfigKey.optional("comms.retry.max-delay", "largest backoff", "5s"));
        k.add(ConfigKey.optional("comms.retry.deadline", "the most one send may take, retries included", "30s"));
        k.add(ConfigKey.optional("comms.attempt-timeout", "the most one provider call may take", "10s"));
        k.add(ConfigKey.optional("comms.circuit.failure-threshold", "consecutive failures that open a provider's circuit", "5"));
        k.add(ConfigKey.optional("comms.circuit.open-duration", "how long an open circuit stays open before a trial call", "30s"));
        k.add(ConfigKey.optional("comms.idempotency.ttl", "how long idempotency records are kept", "24h"));
        k.add(ConfigKey.optional("comms.idempotency.max-keys", "the most idempotency keys the in-memory store keeps; beyond it the "
                + "oldest completed keys are forgotten first, never a send in flight", "100000"));
        k.add(ConfigKey.optional("comms.events.retention", "how long processed event ids and message statuses are kept", "7d"));
        k.add(ConfigKey.optional("comms.async.threads", "threads that run sendAsync", "64"));
        k.add(ConfigKey.optional("comms.async.queue", "sendAsync calls that may wait for a thread", "10000"));
        k.add(ConfigKey.optional("comms.async.when-full", "refuse (a failed future with SERVICE_UNAVAILABLE) or caller-runs "
                + "when the sendAsync queue is full", "refuse"));
        k.add(ConfigKey.optional("comms.shutdown.grace", "how long close() waits for sends in flight before cancelling them", "30s"));
        k.add(ConfigKey.optional("comms.maintenance.interval", "how often the facade reconciles unknown outcomes and runs the credit "
                + "meter's maintenance (lease expiry, kept charges, retention); 0 switches it off", "30s"));
        k.addAll(LimitSettings.keys());
        KEYS = List.copyOf(k);
    }

    final Mode mode;
    final String account;
    final Map<Channel, List<String>> providerChoice = new EnumMap<>(Channel.class);
    final String smsFrom;
    final boolean requireMobile;
    final int maxSegments;
    final boolean smartEncoding;
    final EmailAddress emailFrom;
    final Phone voiceFrom;
    final long holdMinutes;
    final String aiModel;
    final int aiMaxTokens;
    final int maxAttempts;
    final Duration baseDelay;
    final Duration maxDelay;
    final Duration deadline;
    final Duration attemptTimeout;
    final int failureThreshold;
    final Duration openDuration;
    final Duration idempotencyTtl;
    final int idempotencyMaxKeys;
    final Duration maxCallDuration;
    final Duration eventRetention;
    final int asyncThreads;
    final int asyncQueue;
    final boolean callerRuns;
    final Duration shutdownGrace;
    final Duration maintenanceInterval;
    /** The limits, off unless configured. */
    final LimitSettings limits;
    /** The lease every send needs (attempts, backoff, deadline, margin), computed once. */
    final Duration sendLease;
    /** The lease of a send with the default deadline and nothing after it (most sends), computed once. */
    final Duration defaultLease;

    /** What a lease adds to the send's own deadline, so the hold outlives the last attempt's settle. */
    static final Duration LEASE_MARGIN = Duration.ofSeconds(60);

    /**
     * Reads and validates every setting, collecting all problems before failing.
     *
     * @param config the resolved configuration
     * @param problems where problems are added
     */
    Settings(Config config, List<String> problems) {
        this.mode = read(problems, () -> {
            String m = config.get("comms.mode").orElse("live").toLowerCase(Locale.ROOT);
            if (!m.equals("live") && !m.equals("test")) {
                throw new CommsConfigurationException("'comms.mode' must be live or test (got '" + m + "')");
            }
            return m.equals("live") ? Mode.LIVE : Mode.TEST;
        }, Mode.LIVE);
        this.account = config.get("comms.account").orElse("default");
        for (Channel c : Channel.values()) {
            config.get("comms." + c.key() + ".providers").ifPresent(v -> {
                List<String> ids = new ArrayList<>();
                for (String s : v.split(",")) {
                    if (!s.isBlank()) {
                        ids.add(s.strip().toLowerCase(Locale.ROOT));
                    }
                }
                providerChoice.put(c, List.copyOf(ids));
            });
        }
        this.smsFrom = read(problems, () -> config.get("comms.sms.from").map(v -> {
            try {
                dev.comms.Sms.to("+447123456789").from(v);
            } catch (InvalidMessageException e) {
                throw new CommsConfigurationException("'comms.sms.from': " + e.getMessage());
            }
            return v;
        }).orElse(null), null);
        this.requireMobile = read(problems, () -> config.getBoolean("comms.sms.require-mobile", true), true);
        this.maxSegments = read(problems, () -> positive("comms.sms.max-segments", config.getInt("comms.sms.max-segments", 10)), 10);
        this.smartEncoding = read(problems, () -> config.getBoolean("comms.sms.smart-encoding", false), false);
        this.emailFrom = read(problems, () -> config.get("comms.email.from").map(a -> {
            try {
                return EmailAddress.of(a, config.get("comms.email.from-name").orElse(null));
            } catch (InvalidMessageException e) {
                throw new CommsConfigurationException("'comms.email.from': " + e.getMessage());
            }
        }).orElse(null), null);
        this.voiceFrom = read(problems, () -> config.get("comms.voice.from").map(n -> {
            try {
                return PhoneNumbers.parse(n, null, "comms.voice.from", Channel.VOICE);
            } catch (InvalidMessageException e) {
                throw new CommsConfigurationException("'comms.voice.from': " + e.getMessage());
            }
        }).orElse(null), null);
        this.holdMinutes = read(problems, () -> positive("comms.voice.hold-minutes", config.getInt("comms.voice.hold-minutes", 10)), 10);
        this.aiModel = config.get("comms.ai.model").orElse("gpt-4o-mini");
        this.aiMaxTokens = read(problems, () -> positive("comms.ai.max-tokens", config.getInt("comms.ai.max-tokens", 1024)), 1024);
        this.maxAttempts = read(problems, () -> positive("comms.retry.max-attempts", config.getInt("comms.retry.max-attempts", 3)), 3);
        this.baseDelay = read(problems, () -> config.getDuration("comms.retry.base-delay", Duration.ofMillis(200)), Duration.ofMillis(200));
        this.maxDelay = read(problems, () -> config.getDuration("comms.retry.max-delay", Duration.ofSeconds(5)), Duration.ofSeconds(5));
        this.deadline = read(problems, () -> positive("comms.retry.deadline", config.getDuration("comms.retry.deadline", Duration.ofSeconds(30))), Duration.ofSeconds(30));
        this.attemptTimeout = read(problems, () -> positive("comms.attempt-timeout", config.getDuration("comms.attempt-timeout", Duration.ofSeconds(10))), Duration.ofSeconds(10));
        this.failureThreshold = read(problems, () -> positive("comms.circuit.failure-threshold", config.getInt("comms.circuit.failure-threshold", 5)), 5);
        this.openDuration = read(problems, () -> config.getDuration("comms.circuit.open-duration", Duration.ofSeconds(30)), Duration.ofSeconds(30));
        this.idempotencyTtl = read(problems, () -> positive("comms.idempotency.ttl", config.getDuration("comms.idempotency.ttl", Duration.ofHours(24))), Duration.ofHours(24));
        this.idempotencyMaxKeys = read(problems, () -> positive("comms.idempotency.max-keys",
                config.getInt("comms.idempotency.max-keys", InMemoryIdempotencyStore.DEFAULT_MAX_KEYS)), InMemoryIdempotencyStore.DEFAULT_MAX_KEYS);
        this.eventRetention = read(problems, () -> positive("comms.events.retention", config.getDuration("comms.events.retention", Duration.ofDays(7))), Duration.ofDays(7));
        this.maxCallDuration = read(problems, () -> positive("comms.voice.max-call-duration", config.getDuration("comms.voice.max-call-duration", Duration.ofHours(4))), Duration.ofHours(4));
        this.asyncThreads = read(problems, () -> positive("comms.async.threads", config.getInt("comms.async.threads", 64)), 64);
        this.asyncQueue = read(problems, () -> positive("comms.async.queue", config.getInt("comms.async.queue", 10_000)), 10_000);
        this.callerRuns = read(problems, () -> {
            String v = config.get("comms.async.when-full").orElse("refuse").strip().toLowerCase(Locale.ROOT);
            if (!v.equals("refuse") && !v.equals("caller-runs")) {
                throw new CommsConfigurationException("'comms.async.when-full' must be refuse or caller-runs (got '" + v + "')");
            }
            return v.equals("caller-runs");
        }, false);
        this.shutdownGrace = read(problems, () -> notNegative("comms.shutdown.grace", config.getDuration("comms.shutdown.grace", Duration.ofSeconds(30))), Duration.ofSeconds(30));
        this.maintenanceInterval = read(problems, () -> notNegative("comms.maintenance.interval", config.getDuration("comms.maintenance.interval", Duration.ofSeconds(30))), Duration.ofSeconds(30));
        this.limits = new LimitSettings(config, problems);
        Duration worst = attemptTimeout.multipliedBy(maxAttempts).plus(maxDelay.multipliedBy(maxAttempts));
        this.sendLease = (worst.compareTo(deadline) > 0 ? worst : deadline).plus(LEASE_MARGIN);
        this.defaultLease = computeLease(deadline, Duration.ZERO);
    }

    /** @return the default mode */
    public Mode mode() {
        return mode;
    }

    /** @return the default account */
    public String account() {
        return account;
    }

    /**
     * @param c a channel
     * @return the explicit provider choice for it, if any
     */
    public Optional<List<String>> providerChoice(Channel c) {
        return Optional.ofNullable(providerChoice.get(c));
    }

    /**
     * The lease of one send's credit hold and idempotency claim: long enough for every attempt and
     * backoff, never shorter than the send's own deadline plus a margin, and for a call the call
     * itself ({@code afterSend}: ring timeout plus the longest call).
     *
     * @param sendDeadline the send's deadline (its option, or {@code comms.retry.deadline})
     * @param afterSend how long what the hold protects lasts after the send returns
     * @return the lease
     */
    Duration lease(Duration sendDeadline, Duration afterSend) {
        if (afterSend.isZero() && sendDeadline.equals(deadline)) {
            return defaultLease;
        }
        return computeLease(sendDeadline, afterSend);
    }

    private Duration computeLease(Duration sendDeadline, Duration afterSend) {
        Duration own = sendDeadline.plus(LEASE_MARGIN);
        Duration base = own.compareTo(sendLease) > 0 ? own : sendLease;
        return afterSend.isZero() ? base : base.plus(afterSend);
    }

    private static int positive(String key, int v) {
        if (v < 1) {
            throw new CommsConfigurationException("'" + key + "' must be at least 1 (got " + v + ")");
        }
        return v;
    }

    private static Duration positive(String key, Duration d) {
        if (d.isNegative() || d.isZero()) {
            throw new CommsConfigurationException("'" + key + "' must be positive (got " + d + ")");
        }
        return d;
    }

    private static Duration notNegative(String key, Duration d) {
        if (d.isNegative()) {
            throw new CommsConfigurationException("'" + key + "' must be zero or positive (got " + d + ")");
        }
        return d;
    }

    private static <T> T read(List<String> problems, java.util.function.Supplier<T> reader, T fallback) {
        try {
            return reader.get();
        } catch (CommsConfigurationException e) {
            problems.addAll(e.problems());
            return fallback;
        }
    }
}
