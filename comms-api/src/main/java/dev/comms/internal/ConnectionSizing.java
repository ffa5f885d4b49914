package dev.comms.internal;

import dev.comms.Channel;
import dev.comms.spi.Config;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;

/**
 * How many provider calls the facade's configuration lets run at once on some channels: the
 * {@code sendAsync} threads ({@code comms.async.threads}, 64 by default) or the largest concurrency
 * cap of those channels ({@code comms.limits.<channel>.concurrency}, a preset's, an account's), whichever
 * is larger. A provider's HTTP pool sized below it makes sends queue for a connection the facade
 * already admitted. Invalid values are ignored here: the facade reports them when it is built.
 *
 * <p>Not API: the SPI reaches it through {@link dev.comms.spi.HttpProviders#concurrency}.
 */
public final class ConnectionSizing {
    private ConnectionSizing() {
    }

    /**
     * @param config the facade's configuration
     * @param channels the channels the calls serve
     * @return the calls the facade may make at once on them, at least 1
     */
    public static int concurrency(Config config, Set<Channel> channels) {
        int n = 64;
        try {
            n = config.getInt("comms.async.threads", 64);
        } catch (RuntimeException e) {
            // reported by Settings
        }
        LimitSettings limits = new LimitSettings(config, new ArrayList<>());
        for (Channel c : channels) {
            n = Math.max(n, cap(limits.defaults, c));
            for (Map<Channel, LimitSettings.ChannelLimit> account : limits.accounts.values()) {
                n = Math.max(n, cap(account, c));
            }
        }
        return Math.max(1, n);
    }

    private static int cap(Map<Channel, LimitSettings.ChannelLimit> limits, Channel c) {
        LimitSettings.ChannelLimit l = limits.get(c);
        return l == null ? 0 : l.concurrency();
    }
}
