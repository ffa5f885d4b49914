package dev.comms.internal;

import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.spi.CommsProvider;
import dev.comms.spi.Config;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.ProviderChannel;
import dev.comms.spi.ProviderContext;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds providers and decides, once per facade, which serve each channel.
 *
 * <p>The rules (STYLE.md rule 3): an explicit choice ({@code comms.sms.providers}, or providers
 * added in code) wins; otherwise the configured, non-sandbox providers of the channel are the
 * candidates: none leaves the channel unconfigured (one WARN now, {@code ProviderNotFoundException}
 * at first use), one is chosen, several is an error that lists them. Each provider is loaded on its
 * own, so a broken jar is logged and skipped; two providers with one id are an error. Sandbox
 * providers (the testkit's fakes) serve test mode, and live sends only when chosen explicitly.
 */
public final class ProviderRegistry {
    private static final Logger LOG = LoggerFactory.getLogger(ProviderRegistry.class);

    private final Map<String, CommsProvider> providers;
    private final Map<String, Boolean> fromCode;

    private ProviderRegistry(Map<String, CommsProvider> providers, Map<String, Boolean> fromCode) {
        this.providers = providers;
        this.fromCode = fromCode;
    }

    /**
     * Loads providers: those added in code first, then (if enabled) those found by ServiceLoader.
     *
     * @param added providers added in code
     * @param discover whether to run ServiceLoader
     * @param loader the class loader to search
     * @param problems where duplicate ids are reported
     * @return the registry
     */
    public static ProviderRegistry load(List<CommsProvider> added, boolean discover, ClassLoader loader, List<String> problems) {
        Map<String, CommsProvider> byId = new LinkedHashMap<>();
        Map<String, Boolean> code = new LinkedHashMap<>();
        for (CommsProvider p : added) {
            if (byId.putIfAbsent(p.id(), p) != null) {
                problems.add("two providers added in code have the id '" + p.id() + "': add each provider once");
            }
            code.put(p.id(), true);
        }
        if (discover) {
            Map<String, String> discoveredClass = new LinkedHashMap<>();
            Iterator<CommsProvider> it = ServiceLoader.load(CommsProvider.class, loader).iterator();
            for (int guard = 0; guard < 10_000; guard++) {
                CommsProvider p;
                try {
                    if (!it.hasNext()) {
                        break;
                    }
                    p = it.next();
                } catch (ServiceConfigurationError | LinkageError | RuntimeException e) {
                    LOG.warn("A Comms provider could not be loaded and was skipped: {}", e.toString());
                    continue;
                }
                String id;
                try {
                    id = p.id();
                } catch (RuntimeException e) {
                    LOG.warn("Comms provider {} failed to give its id and was skipped: {}", p.getClass().getName(), e.toString());
                    continue;
                }
                if (code.containsKey(id)) {
                    LOG.debug("Comms provider '{}' found on the class path is replaced by the one added in code", id);
                    continue;
                }
                String earlier = discoveredClass.putIfAbsent(id, p.getClass().getName());
                if (earlier != null) {
                    if (!earlier.equals(p.getClass().getName())) {
                        problems.add("two providers on the class path have the id '" + id + "' (" + earlier + " and "
                                + p.getClass().getName() + "): remove one of the jars");
                    }
                    continue;
                }
                byId.put(id, p);
                code.put(id, false);
            }
        }
        return new ProviderRegistry(byId, code);
    }

    /** @return every provider, by id */
    public Map<String, CommsProvider> providers() {
        return providers;
    }

    /** @return every key the providers declare */
    public List<ConfigKey> configKeys() {
        List<ConfigKey> keys = new ArrayList<>();
        for (CommsProvider p : providers.values()) {
            keys.addAll(safeKeys(p));
        }
        return keys;
    }

    /**
     * @param p a provider
     * @param config the configuration
     * @return the required keys that are not set
     */
    public static List<String> missing(CommsProvider p, Config config) {
        return safeKeys(p).stream().filter(ConfigKey::isRequired).map(ConfigKey::name)
                .filter(k -> config.get(k).isEmpty()).collect(Collectors.toList());
    }

    /**
     * @param p a provider
     * @param config the configuration
     * @return true if every required key is set
     */
    public static boolean configured(CommsProvider p, Config config) {
        return missing(p, config).isEmpty();
    }

    private static boolean partlyConfigured(CommsProvider p, Config config) {
        List<ConfigKey> required = safeKeys(p).stream().filter(ConfigKey::isRequired).collect(Collectors.toList());
        long set = required.stream().filter(k -> config.get(k.name()).isPresent()).count();
        return set > 0 && set < required.size();
    }

    private static List<ConfigKey> safeKeys(CommsProvider p) {
        try {
            return p.configKeys();
        } catch (RuntimeException e) {
            LOG.warn("Comms provider '{}' failed to list its configuration keys: {}", p.id(), e.toString());
            return List.of();
        }
    }

    /** The provider chosen for each channel, live and sandbox. */
    public static final class Choice {
        /** Live failover chain per channel; absent when unconfigured. */
        public final Map<Channel, List<String>> live = new EnumMap<>(Channel.class);
        /** The sandbox provider per channel, for test mode. */
        public final Map<Channel, String> sandbox = new EnumMap<>(Channel.class);
    }

    /**
     * Decides the providers of each channel.
     *
     * @param config the configuration
     * @param settings the facade settings (explicit choices)
     * @param problems where errors are added
     * @return the choice
     */
    public Choice choose(Config config, Settings settings, List<String> problems) {
        Choice choice = new Choice();
        List<Channel> unconfigured = new ArrayList<>();
        for (Channel c : Channel.values()) {
            List<String> explicit = settings.providerChoice(c).orElse(null);
            if (explicit != null) {
                List<String> chain = new ArrayList<>();
                for (String id : explicit) {
                    CommsProvider p = providers.get(id);
                    if (p == null) {
                        problems.add("'comms." + c.key() + ".providers' names '" + id + "', which is not on the class path"
                                + " (available: " + available(c) + "): add its module or fix the id");
                    } else if (!serves(p, c)) {
                        problems.add("'comms." + c.key() + ".providers' names '" + id + "', which does not serve " + c.key()
                                + " (it serves " + p.channels() + ")");
                    } else if (!configured(p, config)) {
                        problems.add("provider '" + id + "' is chosen for " + c.key() + " but not configured: set " + describeMissing(p, config));
                    } else {
                        chain.add(id);
                    }
                }
                if (!chain.isEmpty()) {
                    choice.live.put(c, List.copyOf(chain));
                }
            } else {
                List<String> inCode = providers.values().stream()
                        .filter(p -> fromCode.get(p.id()) && serves(p, c)).map(CommsProvider::id).collect(Collectors.toList());
                if (!inCode.isEmpty()) {
                    for (String id : inCode) {
                        CommsProvider p = providers.get(id);
                        if (!configured(p, config)) {
                            problems.add("provider '" + id + "' was added in code but is not configured: set " + describeMissing(p, config));
                        }
                    }
                    choice.live.put(c, List.copyOf(inCode));
                } else {
                    List<String> candidates = new ArrayList<>();
                    for (CommsProvider p : providers.values()) {
                        if (!serves(p, c) || p.sandbox()) {
                            continue;
                        }
                        if (configured(p, config)) {
                            candidates.add(p.id());
                        } else if (partlyConfigured(p, config)) {
                            problems.add("provider '" + p.id() + "' is partly configured: set " + describeMissing(p, config)
                                    + ", or remove its settings");
                        } else {
                            LOG.debug("Comms provider '{}' is present but not configured; it is not used for {}", p.id(), c.key());
                        }
                    }
                    if (candidates.size() > 1) {
                        problems.add("several providers can send " + c.key() + " (" + String.join(", ", candidates)
                                + "): choose with comms." + c.key() + ".providers=" + String.join(",", candidates)
                                + " (the order is the failover order)");
                    } else if (candidates.size() == 1) {
                        choice.live.put(c, List.copyOf(candidates));
                    } else {
                        unconfigured.add(c);
                    }
                }
            }
            for (CommsProvider p : providers.values()) {
                if (p.sandbox() && serves(p, c) && configured(p, config)) {
                    choice.sandbox.putIfAbsent(c, p.id());
                }
            }
        }
        if (!unconfigured.isEmpty() && problems.isEmpty() && settings.mode == dev.comms.Mode.TEST) {
            LOG.info("Comms runs in test mode; no live provider is configured for {}",
                    unconfigured.stream().map(Channel::key).collect(Collectors.joining(", ")));
        } else if (!unconfigured.isEmpty() && problems.isEmpty()) {
            List<String> hints = new ArrayList<>();
            for (Channel c : unconfigured) {
                String hint = unconfiguredHint(c, config);
                if (hint != null && !hints.contains(hint)) {
                    hints.add(hint);
                }
            }
            LOG.warn("Comms has no live provider for {}: sends on {} will fail with NOT_CONFIGURED. {}",
                    unconfigured.stream().map(Channel::key).collect(Collectors.joining(", ")),
                    unconfigured.size() == 1 ? "it" : "them", hints.isEmpty()
                            ? "Add a provider module (comms-providers-twilio, -resend, -sendgrid, -openai) and its settings, or set "
                                    + "comms.<channel>.providers."
                            : String.join("; ", hints) + ".");
        }
        return choice;
    }

    /**
     * What to set for a channel that has no live provider although a provider module for it is on the
     * class path: the missing settings of each such provider, with their environment variables.
     *
     * @param c the channel
     * @param config the configuration
     * @return the sentence, or null when no (non-sandbox) provider module for the channel is present
     */
    public String unconfiguredHint(Channel c, Config config) {
        List<String> each = new ArrayList<>();
        for (CommsProvider p : providers.values()) {
            if (serves(p, c) && !p.sandbox()) {
                List<String> missing = missing(p, config);
                each.add(missing.isEmpty() ? "provider '" + p.id() + "' is on the class path; choose it with comms." + c.key() + ".providers="
                        + p.id() : "provider '" + p.id() + "' is on the class path but not configured: set " + describeMissing(p, config));
            }
        }
        return each.isEmpty() ? null : String.join("; ", each);
    }

    /**
     * Creates a provider's implementation of a channel.
     *
     * @param id the provider id
     * @param c the channel
     * @param config the configuration
     * @param clock the clock
     * @return the implementation
     */
    public ProviderChannel create(String id, Channel c, Config config, Clock clock) {
        CommsProvider p = providers.get(id);
        ProviderContext ctx = context(id, config, clock);
        ProviderChannel impl = switch (c) {
            case EMAIL -> p.emailSender(ctx);
            case SMS -> p.smsSender(ctx);
            case VOICE -> p.voiceCaller(ctx);
            case AI -> p.chatCompleter(ctx);
        };
        if (impl == null) {
            throw new CommsConfigurationException("provider '" + id + "' returned no implementation for " + c.key());
        }
        return impl;
    }

    /**
     * @param id a provider id
     * @param config the configuration
     * @param clock the clock
     * @return the provider's webhook handler, if it has one and its settings allow verification
     */
    public java.util.Optional<dev.comms.spi.WebhookHandler> webhooks(String id, Config config, Clock clock) {
        CommsProvider p = providers.get(id);
        return p == null ? java.util.Optional.empty() : p.webhooks(context(id, config, clock));
    }

    private static ProviderContext context(String id, Config config, Clock clock) {
        return new ProviderContext() {
            @Override
            public String providerId() {
                return id;
            }

            @Override
            public Config config() {
                return config;
            }

            @Override
            public Clock clock() {
                return clock;
            }
        };
    }

    /**
     * @param id a provider id
     * @return whether it was added in code
     */
    public boolean addedInCode(String id) {
        return Boolean.TRUE.equals(fromCode.get(id));
    }

    private String available(Channel c) {
        String s = providers.values().stream().filter(p -> serves(p, c)).map(CommsProvider::id).collect(Collectors.joining(", "));
        return s.isEmpty() ? "none" : s;
    }

    private static boolean serves(CommsProvider p, Channel c) {
        try {
            return p.channels().contains(c);
        } catch (RuntimeException e) {
            return false;
        }
    }

    private static String describeMissing(CommsProvider p, Config config) {
        return missing(p, config).stream().map(k -> k + " (or " + ConfigKey.envName(k) + ")").collect(Collectors.joining(", "));
    }
}
