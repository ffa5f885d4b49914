package dev.comms.internal;

import dev.comms.AiClient;
import dev.comms.Billing;
import dev.comms.BulkResult;
import dev.comms.CallDetails;
import dev.comms.CallReceipt;
import dev.comms.Channel;
import dev.comms.ChannelClient;
import dev.comms.ChannelHealth;
import dev.comms.ChatReceipt;
import dev.comms.ChatRequest;
import dev.comms.CommsConfigurationException;
import dev.comms.CommsException;
import dev.comms.Email;
import dev.comms.EmailClient;
import dev.comms.EmailReceipt;
import dev.comms.ErrorCode;
import dev.comms.Health;
import dev.comms.HealthState;
import dev.comms.Mode;
import dev.comms.ProviderHealth;
import dev.comms.ProviderNotFoundException;
import dev.comms.Receipt;
import dev.comms.SendOptions;
import dev.comms.Sms;
import dev.comms.SmsClient;
import dev.comms.SmsReceipt;
import dev.comms.SmsSegments;
import dev.comms.Status;
import dev.comms.UnsupportedFeatureException;
import dev.comms.Version;
import dev.comms.VoiceCall;
import dev.comms.VoiceClient;
import dev.comms.spi.Capability;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.CreditMeter;
import dev.comms.spi.IdempotencyStore;
import dev.comms.spi.ProviderChannel;
import dev.comms.spi.Usage;
import dev.comms.spi.VoiceCaller;
import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Everything one facade owns: configuration, routes, stages and executor. Thread-safe once built. */
public final class CommsRuntime implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(CommsRuntime.class);
    private static final String VERSION = readVersion();

    private final MapConfig config;
    private final Settings settings;
    private final ProviderRegistry registry;
    private final List<ConfigKey> keys;
    private final Map<Channel, List<Route>> live;
    private final Map<Channel, Route> sandbox;
    private final Pipeline pipeline;
    private final Routing routing;
    private final IdempotencyStore idempotencyStore;
    private final EventProcessor events;
    private final Reconciler reconciler;
    private final Listeners listeners;
    private final java.util.function.Consumer<dev.comms.BillingEvent> reporter;
    private final CreditMeter meter;
    private final boolean admissionInstalled;
    private final dev.comms.spi.Admission admission;
    /** The facade's own limits, or null when none are configured (or the application plugged its own admission). */
    private final Limits limits;
    private final Clock clock;
    private final SmsOps smsOps;
    private final EmailOps emailOps;
    private final VoiceOps voiceOps;
    private final ChatOps chatOps;
    private final ExecutorService executor;
    private final boolean ownsExecutor;
    private final List<ProviderChannel> created;
    private final java.util.concurrent.ScheduledExecutorService maintenance;
    /** Per channel without a live provider whose provider module is present: the settings it lacks. */
    private final Map<Channel, String> unconfiguredHints;
    /** Sends running now (synchronous and async), so close() can wait for them. */
    private final InFlight inFlight = new InFlight();
    private final Object drained = new Object();
    private volatile boolean closed;

    private CommsRuntime(RuntimeSpec spec, MapConfig config, Settings settings, ProviderRegistry registry, List<ConfigKey> keys,
            Map<Channel, List<Route>> live, Map<Channel, Route> sandbox, List<ProviderChannel> created) {
        this.config = config;
        Map<Channel, String> hints = new EnumMap<>(Channel.class);
        for (Channel c : Channel.values()) {
            String hint = live.containsKey(c) ? null : registry.unconfiguredHint(c, config);
            if (hint != null) {
                hints.put(c, hint);
            }
        }
        this.unconfiguredHints = hints;
        this.settings = settings;
        this.registry = registry;
        this.keys = keys;
        this.live = live;
        this.sandbox = sandbox;
        this.created = created;
        this.clock = spec.clock;
        this.meter = spec.meter;
        if (spec.admission == dev.comms.spi.Admission.UNLIMITED && settings.limits.any()) {
            this.limits = new Limits(settings.limits, spec.limitStore != null ? spec.limitStore : new InMemoryLimitStore(spec.clock), spec.clock,
                    spec.sleeper);
            this.admission = limits;
        } else {
            this.limits = null;
            this.admission = spec.admission;
        }
        this.admissionInstalled = admission != dev.comms.spi.Admission.UNLIMITED;
        IdempotencyStore store = spec.idempotency != null ? spec.idempotency : new InMemoryIdempotencyStore(spec.clock, settings.idempotencyTtl,
                settings.idempotencyMaxKeys);
        this.idempotencyStore = store;
        this.listeners = new Listeners(spec.listeners);
        this.routing = new Routing(live, sandbox);
        this.pipeline = new Pipeline(settings, routing, spec.policies, store, admission, spec.meter, listeners, spec.clock, spec.sleeper);
        this.reconciler = new Reconciler(spec.meter, routing);
        Map<String, dev.comms.spi.WebhookHandler> handlers = new LinkedHashMap<>();
        for (Route r : allRoutes(live, sandbox)) {
            if (!handlers.containsKey(r.id())) {
                try {
                    registry.webhooks(r.id(), config, spec.clock).ifPresent(h -> handlers.put(r.id(), h));
                } catch (RuntimeException e) {
                    LOG.warn("Comms provider '{}' could not set up its webhooks: {}", r.id(), e.toString());
                }
            }
        }
        this.events = new EventProcessor(handlers, spec.eventStore != null ? spec.eventStore
                : new InMemoryEventStore(spec.clock, settings.eventRetention), spec.meter, admission, listeners, spec.clock);
        this.reporter = listeners::billing;
        spec.meter.addReporter(reporter);
        this.smsOps = new SmsOps(settings);
        this.emailOps = new EmailOps(settings);
        this.voiceOps = new VoiceOps(settings);
        this.chatOps = new ChatOps(settings);
        if (spec.executor != null) {
            this.executor = spec.executor;
            this.ownsExecutor = false;
        } else {
            this.executor = boundedExecutor(settings.asyncThreads, settings.asyncQueue);
            this.ownsExecutor = true;
        }
        if (!settings.maintenanceInterval.isZero()) {
            this.maintenance = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "comms-maintenance");
                t.setDaemon(true);
                return t;
            });
            long every = settings.maintenanceInterval.toMillis();
            maintenance.scheduleWithFixedDelay(this::maintainQuietly, every, every, java.util.concurrent.TimeUnit.MILLISECONDS);
        } else {
            this.maintenance = null;
        }
    }

    /**
     * The default {@code sendAsync} executor: a fixed number of threads (idle ones time out) and a
     * bounded queue, so 10,000 calls never make 10,000 threads and memory stays bounded.
     */
    private static java.util.concurrent.ThreadPoolExecutor boundedExecutor(int threads, int queue) {
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "comms-send-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        java.util.concurrent.ThreadPoolExecutor pool = new java.util.concurrent.ThreadPoolExecutor(threads, threads, 30,
                java.util.concurrent.TimeUnit.SECONDS, new java.util.concurrent.ArrayBlockingQueue<>(queue), tf,
                new java.util.concurrent.ThreadPoolExecutor.AbortPolicy());
        pool.allowCoreThreadTimeOut(true);
        return pool;
    }

    private void maintainQuietly() {
        try {
            reconcile();
        } catch (RuntimeException e) {
            LOG.warn("Comms maintenance failed; it runs again in {}: {}", settings.maintenanceInterval, e.toString());
        }
    }

    /**
     * Builds a runtime: loads providers, resolves and validates configuration (every problem at
     * once), chooses routes and creates provider clients.
     *
     * @param spec what the builder collected
     * @return the runtime
     * @throws CommsConfigurationException listing every problem
     */
    public static CommsRuntime build(RuntimeSpec spec) {
        List<String> problems = new ArrayList<>();
        ClassLoader loader = spec.classLoader != null ? spec.classLoader : Thread.currentThread().getContextClassLoader();
        if (loader == null) {
            loader = CommsRuntime.class.getClassLoader();
        }
        ProviderRegistry registry = ProviderRegistry.load(spec.providers, spec.autoDiscovery, loader, problems);
        if (spec.systemProperties) {
            spec.sources.system(System.getProperties());
        }
        spec.sources.environment(spec.environment != null ? spec.environment : System.getenv());
        if (spec.classpathProperties) {
            spec.sources.classpath(loader);
        }
        List<ConfigKey> keys = new ArrayList<>(Settings.KEYS);
        keys.addAll(registry.configKeys());
        MapConfig config = spec.sources.resolve(keys);
        if (spec.mode != null) {
            spec.sources.put("comms.mode", spec.mode.name());
            config = spec.sources.resolve(keys);
        }
        warnUnknownKeys(spec.sources.explicitKeys(), keys);
        Settings settings = new Settings(config, problems);
        if (spec.admission != dev.comms.spi.Admission.UNLIMITED && settings.limits.any()) {
            problems.add("both an admission (Comms.Builder.admission) and comms.limits.* are set: use one of them");
        }
        ProviderRegistry.Choice choice = registry.choose(config, settings, problems);
        Map<Channel, List<Route>> live = new EnumMap<>(Channel.class);
        Map<Channel, Route> sandbox = new EnumMap<>(Channel.class);
        List<ProviderChannel> created = new ArrayList<>();
        Map<String, Route> byProviderChannel = new LinkedHashMap<>();
        if (problems.isEmpty()) {
            for (Channel c : Channel.values()) {
                List<String> chain = choice.live.getOrDefault(c, List.of());
                List<Route> routes = new ArrayList<>();
                for (String id : chain) {
                    Route r = route(registry, id, c, config, spec.clock, settings, problems, created, byProviderChannel);
                    if (r != null) {
                        routes.add(r);
                    }
                }
                if (!routes.isEmpty()) {
                    live.put(c, List.copyOf(routes));
                }
                String sb = choice.sandbox.get(c);
                if (sb != null) {
                    Route r = route(registry, sb, c, config, spec.clock, settings, problems, created, byProviderChannel);
                    if (r != null) {
                        sandbox.put(c, r);
                    }
                }
            }
        }
        if (!problems.isEmpty()) {
            closeAll(created);
            // A provider serving two channels (Twilio: SMS and voice) reports the same problem for each: list it once.
            throw new CommsConfigurationException(new ArrayList<>(new LinkedHashSet<>(problems)));
        }
        return new CommsRuntime(spec, config, settings, registry, List.copyOf(keys), live, sandbox, List.copyOf(created));
    }

    private static Route route(ProviderRegistry registry, String id, Channel c, MapConfig config, Clock clock, Settings settings,
            List<String> problems, List<ProviderChannel> created, Map<String, Route> cache) {
        String k = id + '|' + c;
        Route existing = cache.get(k);
        if (existing != null) {
            return existing;
        }
        try {
            ProviderChannel impl = registry.create(id, c, config, clock);
            created.add(impl);
            Route r = new Route(id, impl, new ProviderStats(id, clock, settings.failureThreshold, settings.openDuration));
            cache.put(k, r);
            return r;
        } catch (CommsConfigurationException e) {
            problems.addAll(e.problems());
        } catch (RuntimeException e) {
            problems.add("provider '" + id + "' failed to start for " + c.key() + ": " + e);
        }
        return null;
    }

    private static void warnUnknownKeys(java.util.Set<String> given, List<ConfigKey> keys) {
        java.util.Set<String> known = new java.util.HashSet<>();
        for (ConfigKey k : keys) {
            known.add(k.name());
        }
        List<String> unknown = new ArrayList<>();
        for (String g : given) {
            // comms.price.* belongs to comms-billing's PriceBook, which reads it from the same sources
            if (g.startsWith("comms.") && !g.startsWith("comms.price.") && !g.startsWith(LimitSettings.ACCOUNT_PREFIX) && !known.contains(g)) {
                unknown.add(g);
            }
        }
        if (!unknown.isEmpty()) {
            LOG.warn("Comms ignores unknown settings {}: check their spelling, or add the provider module they belong to", unknown);
        }
    }

    /** @return the default mode */
    public Mode defaultMode() {
        return settings.mode;
    }

    /** @return the default account */
    public String defaultAccount() {
        return settings.account;
    }

    /** @return the resolved configuration */
    public MapConfig config() {
        return config;
    }

    /**
     * @param account the account
     * @param mode the mode
     * @return the SMS client bound to them
     */
    public SmsClient sms(String account, Mode mode) {
        return new SmsClientImpl(account, mode);
    }

    /**
     * @param account the account
     * @param mode the mode
     * @return the email client bound to them
     */
    public EmailClient email(String account, Mode mode) {
        return new EmailClientImpl(account, mode);
    }

    /**
     * @param account the account
     * @param mode the mode
     * @return the voice client bound to them
     */
    public VoiceClient voice(String account, Mode mode) {
        return new VoiceClientImpl(account, mode);
    }

    /**
     * @param account the account
     * @param mode the mode
     * @return the AI client bound to them
     */
    public AiClient ai(String account, Mode mode) {
        return new AiClientImpl(account, mode);
    }

    /**
     * @param mode the mode whose routes to report
     * @return health per channel and provider
     */
    public Health health(Mode mode) {
        List<ChannelHealth> channels = new ArrayList<>();
        boolean anyConfigured = false;
        boolean allHealthy = true;
        for (Channel c : Channel.values()) {
            List<Route> routes = routes(c, mode);
            if (routes.isEmpty()) {
                channels.add(new ChannelHealth(c, false, HealthState.NOT_CONFIGURED, List.of(), 0));
                continue;
            }
            anyConfigured = true;
            List<ProviderHealth> ph = new ArrayList<>();
            long errors = 0;
            int down = 0;
            boolean degraded = false;
            for (Route r : routes) {
                ProviderHealth h = r.stats().snapshot();
                ph.add(h);
                errors += h.errors();
                if (h.state() == HealthState.DOWN) {
                    down++;
                } else if (h.state() == HealthState.DEGRADED) {
                    degraded = true;
                }
            }
            HealthState state = down == routes.size() ? HealthState.DOWN : down > 0 || degraded ? HealthState.DEGRADED : HealthState.HEALTHY;
            allHealthy &= state == HealthState.HEALTHY;
            channels.add(new ChannelHealth(c, true, state, ph, errors, limits == null ? dev.comms.LimitsHealth.NONE : limits.health(c)));
        }
        HealthState overall = anyConfigured && allHealthy ? HealthState.HEALTHY : HealthState.DEGRADED;
        return new Health(overall, clock.instant(), channels);
    }

    private List<Route> routes(Channel c, Mode mode) {
        return routing.routes(c, mode);
    }

    /** @return configuration with secrets as set/unset */
    public Status status() {
        Map<String, List<String>> providers = new TreeMap<>();
        for (Channel c : Channel.values()) {
            List<String> ids = new ArrayList<>();
            for (Route r : routes(c, settings.mode)) {
                ids.add(r.id());
            }
            providers.put(c.key(), ids);
        }
        Map<String, String> shown = new TreeMap<>();
        for (ConfigKey k : new LinkedHashSet<>(keys)) {
            var v = config.get(k.name());
            if (k.isSecret()) {
                shown.put(k.name(), v.isPresent() ? "set" : "unset");
            } else {
                shown.put(k.name(), v.orElse(k.defaultValue().map(d -> d + " (default)").orElse("unset")));
            }
        }
        return new Status(settings.mode, providers, shown);
    }

    /** @return version, features and providers */
    public Version version() {
        List<String> features = new ArrayList<>(List.of("email", "sms", "voice", "ai", "sms-segments", "smart-encoding",
                "phone-validation", "idempotency", "retries", "failover", "circuit-breaker", "health"));
        if (meter != CreditMeter.NONE) {
            features.add("credits");
        }
        if (admissionInstalled) {
            features.add("rate-limits");
        }
        List<Version.ProviderInfo> infos = new ArrayList<>();
        for (CommsProvider p : registry.providers().values()) {
            infos.add(new Version.ProviderInfo(p.id(), p.version(), p.channels(), p.sandbox(), ProviderRegistry.configured(p, config)));
        }
        return new Version(VERSION, features, infos);
    }

    /**
     * Asks providers about sends whose outcome is unknown and settles their holds, then runs the
     * credit meter's maintenance. Runs by itself every {@code comms.maintenance.interval} when a meter
     * is installed.
     *
     * @return what it did
     */
    public dev.comms.ReconcileReport reconcile() {
        if (limits != null) {
            try {
                limits.store().purgeExpired();
            } catch (RuntimeException e) {
                LOG.debug("Comms could not purge ended limit leases: {}", e.toString());
            }
        }
        try {
            idempotencyStore.purgeExpired();
            events.store().purgeExpired();
        } catch (RuntimeException e) {
            LOG.debug("Comms could not purge idempotency or event records: {}", e.toString());
        }
        return reconciler.run();
    }

    /**
     * Stops intake (every later send is refused), waits up to {@code comms.shutdown.grace} for sends
     * in flight and queued async sends to finish, then cancels what is left (their futures fail with
     * {@code SERVICE_UNAVAILABLE}) and closes provider clients. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (ownsExecutor) {
            executor.shutdown();
        }
        long deadline = System.nanoTime() + settings.shutdownGrace.toNanos();
        try {
            if (ownsExecutor) {
                executor.awaitTermination(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS);
            }
            synchronized (drained) {
                long left;
                while (inFlight.sum() > 0 && (left = deadline - System.nanoTime()) > 0) {
                    drained.wait(Math.max(1, left / 1_000_000));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (ownsExecutor) {
            for (Runnable r : executor.shutdownNow()) {
                if (r instanceof AsyncSend<?> a) {
                    a.cancel(closedError(null));
                }
            }
        }
        if (inFlight.sum() > 0) {
            LOG.warn("Comms closed with {} send(s) still running after the {} grace period; they were interrupted", inFlight.sum(),
                    settings.shutdownGrace);
        }
        if (maintenance != null) {
            maintenance.shutdownNow();
        }
        meter.removeReporter(reporter);
        closeAll(created);
    }

    private CommsException closedError(Channel channel) {
        return new CommsException(ErrorCode.SERVICE_UNAVAILABLE, "this Comms facade is closed: nothing was sent; build a new one "
                + "(or send before closing it)", channel, null, null);
    }

    /** @return the in-flight cell to give back to {@link #leave(int)} */
    private int enter(Channel channel) {
        int cell = inFlight.enter();
        if (closed) {
            leave(cell);
            throw closedError(channel);
        }
        return cell;
    }

    private void leave(int cell) {
        inFlight.leave(cell);
        if (closed) {
            synchronized (drained) {
                drained.notifyAll();
            }
        }
    }

    /**
     * A queued {@code sendAsync}, counted in flight from the moment it was accepted (so close() waits
     * for it); its future fails if the facade closes before it runs.
     */
    private final class AsyncSend<R> implements Runnable {
        final CompletableFuture<R> future;
        final java.util.function.Supplier<R> body;
        final int cell;
        private final java.util.concurrent.atomic.AtomicBoolean done = new java.util.concurrent.atomic.AtomicBoolean();

        AsyncSend(CompletableFuture<R> future, java.util.function.Supplier<R> body, int cell) {
            this.future = future;
            this.body = body;
            this.cell = cell;
        }

        @Override
        public void run() {
            try {
                future.complete(body.get());
            } catch (Throwable t) {
                future.completeExceptionally(t);
                if (t instanceof VirtualMachineError fatal) {
                    throw fatal;
                }
            } finally {
                finish();
            }
        }

        void cancel(CommsException why) {
            future.completeExceptionally(why);
            finish();
        }

        void finish() {
            if (done.compareAndSet(false, true)) {
                leave(cell);
            }
        }
    }

    private static List<Route> allRoutes(Map<Channel, List<Route>> live, Map<Channel, Route> sandbox) {
        List<Route> all = new ArrayList<>();
        live.values().forEach(all::addAll);
        all.addAll(sandbox.values());
        return all;
    }

    /** @return the facade's event processing */
    public dev.comms.event.Events events() {
        return events;
    }

    /**
     * One SMS to many numbers: each number through the whole pipeline, at most the channel's
     * concurrency limit at a time (8 without one), on the facade's executor with the calling thread
     * working too (so a busy executor never stalls it).
     */
    private dev.comms.SmsBulkResult bulkSms(SmsClient client, List<String> numbers, Sms template, SendOptions options, String account,
            Mode mode) {
        java.util.Objects.requireNonNull(numbers, "numbers");
        java.util.Objects.requireNonNull(template, "template");
        String baseKey = options.idempotencyKey().orElse(null);
        if (baseKey != null && baseKey.length() > 255 - 17) {
            throw new dev.comms.InvalidMessageException(ErrorCode.INVALID_MESSAGE, "idempotencyKey", "a bulk send's idempotency key becomes "
                    + "one key per recipient (key:+E164): keep it to 238 characters", Channel.SMS);
        }
        int n = numbers.size();
        SmsReceipt[] receipts = new SmsReceipt[n];
        CommsException[] failures = new CommsException[n];
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        Runnable worker = () -> {
            for (int i; (i = next.getAndIncrement()) < n; ) {
                String raw = numbers.get(i);
                try {
                    dev.comms.Phone phone = PhoneNumbers.parse(raw == null ? "" : raw.strip().startsWith("+") || raw.strip().isEmpty()
                            ? raw : "+" + raw.strip(), null, "to", Channel.SMS);
                    SendOptions o = baseKey == null ? options : options.withIdempotencyKey(baseKey + ":" + phone.e164());
                    receipts[i] = client.send(template.withTo(phone), o);
                } catch (CommsException e) {
                    failures[i] = e;
                } catch (RuntimeException e) {
                    failures[i] = new CommsException(ErrorCode.INVALID_MESSAGE, "number " + i + ": " + e.getMessage(), Channel.SMS, null, e);
                }
            }
        };
        LimitSettings.ChannelLimit cap = settings.limits.of(account, Channel.SMS);
        int parallel = Math.max(1, Math.min(n, cap != null && cap.concurrency() > 0 ? cap.concurrency() : 8));
        List<java.util.concurrent.Future<?>> helpers = new ArrayList<>();
        for (int w = 1; w < parallel; w++) {
            try {
                helpers.add(executor.submit(worker));
            } catch (java.util.concurrent.RejectedExecutionException full) {
                break; // the calling thread works through what is left
            }
        }
        worker.run();
        for (java.util.concurrent.Future<?> f : helpers) {
            try {
                f.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            } catch (java.util.concurrent.ExecutionException e) {
                LOG.warn("Comms bulk SMS worker failed: {}", e.getCause().toString());
            }
        }
        List<SmsReceipt> sent = new ArrayList<>();
        Map<String, CommsException> failed = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            if (receipts[i] != null) {
                sent.add(receipts[i]);
            } else {
                failed.put(String.valueOf(numbers.get(i)), failures[i] != null ? failures[i] : new CommsException(ErrorCode.INTERNAL_ERROR,
                        "number " + i + " was not sent: the bulk send was interrupted", Channel.SMS, null, null));
            }
        }
        return new dev.comms.SmsBulkResult(sent, failed);
    }

    private static void closeAll(List<ProviderChannel> channels) {
        for (ProviderChannel c : channels) {
            try {
                c.close();
            } catch (RuntimeException e) {
                LOG.warn("Comms provider '{}' failed to close: {}", c.id(), e.toString());
            }
        }
    }

    private static String readVersion() {
        try (InputStream in = CommsRuntime.class.getResourceAsStream("/dev/comms/version.properties")) {
            if (in != null) {
                Properties p = new Properties();
                p.load(in);
                return p.getProperty("version", "unknown");
            }
        } catch (IOException e) {
            // fall through
        }
        return "unknown";
    }

    /** Shared behaviour of the four channel clients. */
    private abstract class BaseClient<M, R extends Receipt> implements ChannelClient<M, R> {
        final String account;
        final Mode mode;

        BaseClient(String account, Mode mode) {
            this.account = account;
            this.mode = mode;
        }

        abstract ChannelOps<M, R, ?> ops();

        @Override
        public R send(M message) {
            return send(message, SendOptions.NONE);
        }

        @Override
        public R send(M message, SendOptions options) {
            int cell = enter(ops().channel());
            try {
                return run(message, options == null ? SendOptions.NONE : options);
            } finally {
                leave(cell);
            }
        }

        /** Runs the pipeline; a live channel without a provider names what its present provider module lacks. */
        private R run(M message, SendOptions options) {
            try {
                return pipeline.run(ops(), message, options, account, mode);
            } catch (ProviderNotFoundException e) {
                String hint = mode == Mode.LIVE && routes(ops().channel(), Mode.LIVE).isEmpty() ? unconfiguredHints.get(ops().channel()) : null;
                if (hint == null) {
                    throw e;
                }
                ProviderNotFoundException named = new ProviderNotFoundException(ops().channel(), "No provider is configured for "
                        + ops().channel().key() + ": " + hint);
                named.setStackTrace(e.getStackTrace());
                throw named;
            }
        }

        @Override
        public CompletableFuture<R> sendAsync(M message) {
            int cell;
            try {
                cell = enter(ops().channel());
            } catch (CommsException closedNow) {
                return CompletableFuture.failedFuture(closedNow);
            }
            CompletableFuture<R> future = new CompletableFuture<>();
            AsyncSend<R> task = new AsyncSend<>(future, () -> run(message, SendOptions.NONE), cell);
            try {
                executor.execute(task);
            } catch (java.util.concurrent.RejectedExecutionException e) {
                if (!closed && settings.callerRuns) {
                    task.run();
                    return future;
                }
                task.cancel(closed ? closedError(ops().channel()) : new CommsException(ErrorCode.SERVICE_UNAVAILABLE, "send queue full ("
                        + settings.asyncQueue + " sendAsync calls waiting for " + settings.asyncThreads + " threads): nothing was sent; "
                        + "retry later, raise comms.async.queue, or set comms.async.when-full=caller-runs", ops().channel(), null, e));
            }
            return future;
        }

        @Override
        public BulkResult<R> sendAll(List<M> messages) {
            List<R> receipts = new ArrayList<>(messages.size());
            Map<Integer, CommsException> failures = new TreeMap<>();
            for (int i = 0; i < messages.size(); i++) {
                try {
                    receipts.add(send(messages.get(i)));
                } catch (CommsException e) {
                    failures.put(i, e);
                } catch (IllegalArgumentException | CompletionException e) {
                    failures.put(i, new CommsException(ErrorCode.INVALID_MESSAGE, "message " + i + ": " + e.getMessage(),
                            ops().channel(), null, e));
                }
            }
            return new BulkResult<>(receipts, failures);
        }
    }

    private final class SmsClientImpl extends BaseClient<Sms, SmsReceipt> implements SmsClient {
        SmsClientImpl(String account, Mode mode) {
            super(account, mode);
        }

        @Override
        ChannelOps<Sms, SmsReceipt, ?> ops() {
            return smsOps;
        }

        @Override
        public SmsSegments segments(String body) {
            return SegmentCounter.count(body, settings.smartEncoding);
        }

        @Override
        public dev.comms.SmsBulkResult sendToMany(List<String> numbers, Sms template, SendOptions options) {
            return bulkSms(this, numbers, template, options == null ? SendOptions.NONE : options, account, mode);
        }
    }

    private final class EmailClientImpl extends BaseClient<Email, EmailReceipt> implements EmailClient {
        EmailClientImpl(String account, Mode mode) {
            super(account, mode);
        }

        @Override
        ChannelOps<Email, EmailReceipt, ?> ops() {
            return emailOps;
        }

        @Override
        public BulkResult<EmailReceipt> sendBatch(List<Email> emails, SendOptions options) {
            java.util.Objects.requireNonNull(emails, "emails");
            List<Route> routes = routing.routes(Channel.EMAIL, mode);
            boolean batchApi = !routes.isEmpty() && routes.get(0).supports(dev.comms.spi.Capability.EMAIL_BATCH);
            LimitSettings.ChannelLimit cap = settings.limits.of(account, Channel.EMAIL);
            int chunk = batchApi ? 100 : 8;
            if (cap != null && cap.concurrency() > 0) {
                chunk = Math.min(chunk, cap.concurrency());
            }
            return EmailBatch.run(emails, options == null ? SendOptions.NONE : options, Math.max(1, chunk), emailOps, (ops, e) -> {
                int cell = enter(Channel.EMAIL);
                try {
                    return pipeline.run(ops, e.getKey(), e.getValue(), account, mode);
                } finally {
                    leave(cell);
                }
            }, () -> Ids.messageId(clock.millis()), account, mode);
        }
    }

    private final class AiClientImpl extends BaseClient<ChatRequest, ChatReceipt> implements AiClient {
        AiClientImpl(String account, Mode mode) {
            super(account, mode);
        }

        @Override
        ChannelOps<ChatRequest, ChatReceipt, ?> ops() {
            return chatOps;
        }
    }

    private final class VoiceClientImpl extends BaseClient<VoiceCall, CallReceipt> implements VoiceClient {
        VoiceClientImpl(String account, Mode mode) {
            super(account, mode);
        }

        @Override
        ChannelOps<VoiceCall, CallReceipt, ?> ops() {
            return voiceOps;
        }

        @Override
        public CallDetails status(CallReceipt receipt) {
            Route route = null;
            for (Route r : routes(Channel.VOICE, receipt.mode())) {
                if (r.id().equals(receipt.provider())) {
                    route = r;
                }
            }
            if (route == null) {
                throw new ProviderNotFoundException(Channel.VOICE, "provider '" + receipt.provider()
                        + "' that placed the call is not configured in this facade");
            }
            if (!route.supports(Capability.VOICE_CALL_STATUS)) {
                throw new UnsupportedFeatureException("call status lookup", Channel.VOICE, route.id());
            }
            CallDetails d = ((VoiceCaller) route.impl()).status(receipt.providerMessageId());
            dev.comms.event.EventStatus st = switch (d.status()) {
                case QUEUED, INITIATED -> dev.comms.event.EventStatus.CALL_INITIATED;
                case RINGING -> dev.comms.event.EventStatus.CALL_RINGING;
                case IN_PROGRESS -> dev.comms.event.EventStatus.CALL_ANSWERED;
                case COMPLETED -> dev.comms.event.EventStatus.CALL_COMPLETED;
                case BUSY -> dev.comms.event.EventStatus.CALL_BUSY;
                case FAILED -> dev.comms.event.EventStatus.CALL_FAILED;
                case NO_ANSWER -> dev.comms.event.EventStatus.CALL_NO_ANSWER;
                case CANCELED -> dev.comms.event.EventStatus.CALL_CANCELED;
            };
            // a lookup feeds the same path as a webhook: a completed call settles its hold, once
            try {
                events.process(new dev.comms.event.DeliveryEvent(route.id(), d.providerCallId() + ":" + st.wireName() + ":lookup",
                        Channel.VOICE, receipt.id(), receipt.billing().holdId(), d.providerCallId(), st, clock.instant(),
                        d.duration().orElse(null), d.digits().orElse(""), "", "", ""));
            } catch (RuntimeException e) {
                // nothing was recorded: the next lookup or the provider's webhook settles the call
                LOG.warn("Comms could not act on the status of call {}: {}", receipt.id(), e.toString());
            }
            return d;
        }

        @Override
        public Billing settle(CallReceipt receipt, Duration duration) {
            if (receipt == null) {
                throw new IllegalArgumentException("receipt is null");
            }
            if (duration == null || duration.isNegative()) {
                throw new IllegalArgumentException("duration must be zero or positive");
            }
            if (!receipt.account().equals(account) || receipt.mode() != mode) {
                throw new IllegalArgumentException("this view belongs to account '" + account + "' (" + mode.name().toLowerCase(java.util.Locale.ROOT)
                        + "); the call belongs to account '" + receipt.account() + "': settle it from comms.forAccount(\""
                        + receipt.account() + "\")");
            }
            admission.finished(account, mode, Channel.VOICE, receipt.id()); // the call ended: its slot is free
            if (!receipt.billing().metered() || receipt.billing().holdId().isEmpty()) {
                return Billing.NOT_METERED;
            }
            long seconds = duration.toSeconds() + (duration.toNanosPart() > 0 ? 1 : 0);
            long startedMinutes = (seconds + 59) / 60;
            return meter.settle(receipt.billing().holdId(), account, mode, Usage.voice(startedMinutes));
        }
    }
}
