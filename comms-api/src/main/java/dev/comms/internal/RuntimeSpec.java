package dev.comms.internal;

import dev.comms.CommsListener;
import dev.comms.Mode;
import dev.comms.spi.Admission;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.CreditMeter;
import dev.comms.spi.IdempotencyStore;
import dev.comms.spi.Sleeper;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;

/** What {@code Comms.Builder} collects; read once by {@link CommsRuntime#build}. Not thread-safe. */
public final class RuntimeSpec {
    /** Providers added in code. */
    public final List<CommsProvider> providers = new ArrayList<>();
    /** Configuration sources. */
    public final ConfigSources sources = new ConfigSources();
    /** Whether to run ServiceLoader. */
    public boolean autoDiscovery = true;
    /** Whether to read system properties. */
    public boolean systemProperties = true;
    /** The environment, or null to read the process environment. */
    public Map<String, String> environment;
    /** Whether to read comms.properties from the class path. */
    public boolean classpathProperties = true;
    /** The class loader for discovery and comms.properties, or null for the context loader. */
    public ClassLoader classLoader;
    /** The mode, overriding comms.mode, or null. */
    public Mode mode;
    /** The clock. */
    public Clock clock = Clock.systemUTC();
    /** How retries wait. */
    public Sleeper sleeper = Sleeper.SYSTEM;
    /** Listeners. */
    public final List<CommsListener> listeners = new ArrayList<>();
    /** The credit meter. */
    public CreditMeter meter = CreditMeter.NONE;
    /** The admission stage. */
    public Admission admission = Admission.UNLIMITED;
    /** Where processed events and message statuses live; in memory when null. */
    public dev.comms.spi.EventStore eventStore;
    /** Send policies, in order. */
    public final List<dev.comms.policy.SendPolicy> policies = new ArrayList<>();
    /** Where the facade's own limits keep their state; in memory when null. */
    public dev.comms.spi.LimitStore limitStore;
    /** The idempotency store, or null for the in-memory default. */
    public IdempotencyStore idempotency;
    /** The executor for sendAsync, or null for the facade's own. */
    public ExecutorService executor;

    /** An empty spec. */
    public RuntimeSpec() {
    }
}
