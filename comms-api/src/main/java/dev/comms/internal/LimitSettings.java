package dev.comms.internal;

import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.spi.Config;
import dev.comms.spi.ConfigKey;
import dev.comms.spi.RateLimit;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The facade's limits as configured: off unless set. {@code comms.limits.preset=hosted} gives the
 * hosted API's values (voice 10/min and 5 calls in progress, SMS 100/min and 50 in flight, email
 * 200/min and 100, AI 30/min and 10); {@code comms.limits.<channel>.rate} and {@code .concurrency} set
 * or override them; {@code comms.limits.account.<account>.<channel>.rate|concurrency} override them
 * for one account.
 */
final class LimitSettings {
    /** One channel's limits for an account. */
    record ChannelLimit(RateLimit rate, int concurrency) {
        boolean none() {
            return rate == null && concurrency <= 0;
        }
    }

    static final String ACCOUNT_PREFIX = "comms.limits.account.";

    static List<ConfigKey> keys() {
        List<ConfigKey> k = new ArrayList<>();
        k.add(ConfigKey.optional("comms.limits.preset", "none, or hosted: the hosted API's rates and concurrency caps", "none"));
        for (Channel c : Channel.values()) {
            k.add(ConfigKey.optional("comms.limits." + c.key() + ".rate", "sends per account in any sliding window, such as 100/1m", null));
            k.add(ConfigKey.optional("comms.limits." + c.key() + ".concurrency", "sends in flight per account (voice: calls in progress)", null));
        }
        k.add(ConfigKey.optional("comms.limits.sms.unit", "messages, or segments: what the SMS rate counts", "messages"));
        k.add(ConfigKey.optional("comms.limits.wait", "how long a send may wait for its rate instead of being refused", "0s"));
        k.add(ConfigKey.optional("comms.limits.on-store-failure", "refuse (SERVICE_UNAVAILABLE) or admit (blind, counted in health) "
                + "when the limit store cannot be reached", "refuse"));
        return k;
    }

    private static final Map<Channel, ChannelLimit> HOSTED = Map.of(
            Channel.VOICE, new ChannelLimit(new RateLimit(10, Duration.ofMinutes(1)), 5),
            Channel.SMS, new ChannelLimit(new RateLimit(100, Duration.ofMinutes(1)), 50),
            Channel.EMAIL, new ChannelLimit(new RateLimit(200, Duration.ofMinutes(1)), 100),
            Channel.AI, new ChannelLimit(new RateLimit(30, Duration.ofMinutes(1)), 10));

    final Map<Channel, ChannelLimit> defaults = new EnumMap<>(Channel.class);
    final Map<String, Map<Channel, ChannelLimit>> accounts = new HashMap<>();
    final boolean smsSegments;
    final Duration maxWait;
    final boolean failOpen;

    LimitSettings(Config config, List<String> problems) {
        String preset = config.get("comms.limits.preset").orElse("none").strip().toLowerCase(Locale.ROOT);
        if (preset.equals("hosted")) {
            defaults.putAll(HOSTED);
        } else if (!preset.equals("none")) {
            problems.add("'comms.limits.preset' must be none or hosted (got '" + preset + "')");
        }
        for (Channel c : Channel.values()) {
            ChannelLimit base = defaults.get(c);
            ChannelLimit l = read(config, "comms.limits." + c.key(), base, problems);
            if (l != null && !l.none()) {
                defaults.put(c, l);
            } else {
                defaults.remove(c);
            }
        }
        for (String key : config.keys()) {
            if (!key.startsWith(ACCOUNT_PREFIX)) {
                continue;
            }
            String rest = key.substring(ACCOUNT_PREFIX.length());
            int dot = rest.lastIndexOf('.');
            int dot2 = dot < 0 ? -1 : rest.lastIndexOf('.', dot - 1);
            Channel c = dot2 < 1 ? null : channel(rest.substring(dot2 + 1, dot));
            String what = dot < 0 ? "" : rest.substring(dot + 1);
            if (c == null || !(what.equals("rate") || what.equals("concurrency"))) {
                problems.add("'" + key + "' is not a limit: write comms.limits.account.<account>.<channel>.rate or .concurrency");
                continue;
            }
            String account = rest.substring(0, dot2);
            Map<Channel, ChannelLimit> m = accounts.computeIfAbsent(account, a -> new EnumMap<>(Channel.class));
            if (!m.containsKey(c)) {
                m.put(c, read(config, ACCOUNT_PREFIX + account + "." + c.key(), defaults.get(c), problems));
            }
        }
        String unit = config.get("comms.limits.sms.unit").orElse("messages").strip().toLowerCase(Locale.ROOT);
        if (!unit.equals("messages") && !unit.equals("segments")) {
            problems.add("'comms.limits.sms.unit' must be messages or segments (got '" + unit + "')");
        }
        this.smsSegments = unit.equals("segments");
        Duration wait = Duration.ZERO;
        try {
            wait = config.getDuration("comms.limits.wait", Duration.ZERO);
        } catch (CommsConfigurationException e) {
            problems.addAll(e.problems());
        }
        this.maxWait = wait;
        String failure = config.get("comms.limits.on-store-failure").orElse("refuse").strip().toLowerCase(Locale.ROOT);
        if (!failure.equals("refuse") && !failure.equals("admit")) {
            problems.add("'comms.limits.on-store-failure' must be refuse or admit (got '" + failure + "')");
        }
        this.failOpen = failure.equals("admit");
    }

    private static Channel channel(String key) {
        for (Channel c : Channel.values()) {
            if (c.key().equals(key)) {
                return c;
            }
        }
        return null;
    }

    private static ChannelLimit read(Config config, String prefix, ChannelLimit base, List<String> problems) {
        RateLimit rate = base == null ? null : base.rate();
        int concurrency = base == null ? 0 : base.concurrency();
        var r = config.get(prefix + ".rate");
        if (r.isPresent()) {
            String v = r.get().strip();
            if (v.equalsIgnoreCase("none") || v.equals("0")) {
                rate = null;
            } else {
                try {
                    rate = RateLimit.parse(v);
                    if (rate.count() > Integer.MAX_VALUE) {
                        throw new IllegalArgumentException("a rate's count must be below 2^31");
                    }
                } catch (IllegalArgumentException e) {
                    problems.add("'" + prefix + ".rate': " + e.getMessage());
                }
            }
        }
        var c = config.get(prefix + ".concurrency");
        if (c.isPresent()) {
            try {
                concurrency = Integer.parseInt(c.get().strip());
                if (concurrency < 0) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                problems.add("'" + prefix + ".concurrency' must be a whole number of sends, 0 for none (got '" + c.get() + "')");
            }
        }
        return new ChannelLimit(rate, concurrency);
    }

    /** @return true if any limit is in force */
    boolean any() {
        return !defaults.isEmpty() || accounts.values().stream().anyMatch(m -> m.values().stream().anyMatch(l -> !l.none()));
    }

    /**
     * @param account the account
     * @param channel the channel
     * @return the account's limits on the channel, or null for none
     */
    ChannelLimit of(String account, Channel channel) {
        Map<Channel, ChannelLimit> m = accounts.get(account);
        ChannelLimit l = m != null && m.containsKey(channel) ? m.get(channel) : defaults.get(channel);
        return l == null || l.none() ? null : l;
    }
}
