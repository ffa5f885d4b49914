package dev.comms.internal;

import dev.comms.Channel;
import dev.comms.CommsException;
import dev.comms.ErrorCode;
import dev.comms.LimitsHealth;
import dev.comms.Mode;
import dev.comms.RateLimitedException;
import dev.comms.spi.Admission;
import dev.comms.spi.LimitStore;
import dev.comms.spi.LimitStoreUnavailableException;
import dev.comms.spi.Sleeper;
import dev.comms.spi.Usage;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade's own limits: a sliding-window rate and a concurrency cap per (account, mode, channel),
 * checked before anything is held or sent, on a {@link LimitStore} (in memory, or JDBC for several
 * JVMs). A refusal is {@code RATE_LIMITED} with the wait the store computed (exact: a retry after it
 * is admitted unless someone else took the unit first); {@code comms.limits.wait} lets a send wait for
 * its rate instead, up to a bound. A voice call's slot is kept while the call is in progress, until it
 * is settled or its lease ends. A store that cannot be reached refuses with {@code SERVICE_UNAVAILABLE}
 * (fail closed) unless {@code comms.limits.on-store-failure=admit}, and every admission made blind is
 * counted in health.
 */
final class Limits implements Admission {
    private static final Logger LOG = LoggerFactory.getLogger(Limits.class);

    private final LimitSettings settings;
    private final LimitStore store;
    private final Clock clock;
    private final Sleeper sleeper;
    private final Map<Channel, AtomicInteger> inFlight = new EnumMap<>(Channel.class);
    private final Map<Channel, AtomicLong> refused = new EnumMap<>(Channel.class);
    private final Map<Channel, AtomicLong> blind = new EnumMap<>(Channel.class);

    Limits(LimitSettings settings, LimitStore store, Clock clock, Sleeper sleeper) {
        this.settings = settings;
        this.store = store;
        this.clock = clock;
        this.sleeper = sleeper;
        for (Channel c : Channel.values()) {
            inFlight.put(c, new AtomicInteger());
            refused.put(c, new AtomicLong());
            blind.put(c, new AtomicLong());
        }
    }

    private static String key(String kind, String account, Mode mode, Channel channel) {
        return kind + "|" + mode.name() + "|" + channel.key() + "|" + account;
    }

    @Override
    public Permit admit(String account, Mode mode, Channel channel, Usage estimate) {
        return admit(account, mode, channel, estimate, Ids.messageId(clock.millis()), Duration.ofMinutes(5));
    }

    @Override
    public Permit admit(String account, Mode mode, Channel channel, Usage estimate, String sendId, Duration lease) {
        LimitSettings.ChannelLimit l = settings.of(account, channel);
        if (l == null) {
            return Permit.NONE;
        }
        String slotKey = key("concurrency", account, mode, channel);
        boolean slot = false;
        try {
            if (l.concurrency() > 0) {
                LimitStore.Acquisition a = store.acquire(slotKey, l.concurrency(), 1, sendId, lease);
                if (!a.acquired()) {
                    refused.get(channel).incrementAndGet();
                    throw new RateLimitedException("Too many " + channel.key() + (channel == Channel.VOICE ? " calls in progress" : " sends in flight")
                            + " for account " + account + ": the limit is " + l.concurrency() + "; retry when one ends", channel, null);
                }
                slot = true;
            }
            if (l.rate() != null) {
                int units = channel == Channel.SMS && settings.smsSegments ? (int) Math.max(1, estimate.units()) : 1;
                Instant waitUntil = clock.instant().plus(settings.maxWait);
                String rateKey = key("rate", account, mode, channel);
                while (true) {
                    LimitStore.Acquisition a = store.acquire(rateKey, (int) l.rate().count(), units, sendId, l.rate().period());
                    if (a.acquired()) {
                        break;
                    }
                    if (!clock.instant().plus(a.retryAfter()).isAfter(waitUntil) && !a.retryAfter().isZero()) {
                        sleeper.sleep(a.retryAfter());
                        continue;
                    }
                    refused.get(channel).incrementAndGet();
                    throw new RateLimitedException("Rate limit for " + channel.key() + " reached for account " + account + ": at most "
                            + l.rate() + (units > 1 || settings.smsSegments && channel == Channel.SMS ? " segments" : "")
                            + "; retry after " + a.retryAfter().toMillis() + " ms", channel, a.retryAfter());
                }
            }
        } catch (RateLimitedException e) {
            if (slot) {
                releaseQuietly(slotKey, sendId);
            }
            throw e;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            if (slot) {
                releaseQuietly(slotKey, sendId);
            }
            throw new RateLimitedException("interrupted while waiting for the " + channel.key() + " rate limit", channel, null);
        } catch (LimitStoreUnavailableException e) {
            if (settings.failOpen) {
                blind.get(channel).incrementAndGet();
                LOG.warn("Comms admitted a {} send blind: the limit store cannot be reached ({})", channel.key(), e.getMessage());
                return slot ? permit(slotKey, sendId, channel) : Permit.NONE;
            }
            if (slot) {
                releaseQuietly(slotKey, sendId);
            }
            throw new CommsException(ErrorCode.SERVICE_UNAVAILABLE, "The limit store cannot be reached, so the send was refused before "
                    + "anything was held or sent: retry later (or set comms.limits.on-store-failure=admit).", channel, null, e);
        }
        return slot ? permit(slotKey, sendId, channel) : Permit.NONE;
    }

    private Permit permit(String slotKey, String sendId, Channel channel) {
        inFlight.get(channel).incrementAndGet();
        AtomicBoolean keep = new AtomicBoolean();
        AtomicBoolean closed = new AtomicBoolean();
        return new Permit() {
            @Override
            public void sent() {
                // a placed call is in progress: its slot stays until it is settled or its lease ends
                keep.set(channel == Channel.VOICE);
            }

            @Override
            public void close() {
                if (closed.compareAndSet(false, true) && !keep.get()) {
                    inFlight.get(channel).decrementAndGet();
                    releaseQuietly(slotKey, sendId);
                }
            }
        };
    }

    @Override
    public void finished(String account, Mode mode, Channel channel, String sendId) {
        LimitSettings.ChannelLimit l = settings.of(account, channel);
        if (l == null || l.concurrency() <= 0) {
            return;
        }
        String slotKey = key("concurrency", account, mode, channel);
        try {
            if (store.inUse(slotKey) > 0) {
                store.release(slotKey, sendId);
            }
        } catch (RuntimeException e) {
            LOG.warn("Comms could not free the {} slot of {}; it frees itself when its lease ends: {}", channel.key(), sendId, e.toString());
        }
        inFlight.get(channel).updateAndGet(n -> Math.max(0, n - 1));
    }

    private void releaseQuietly(String key, String holder) {
        try {
            store.release(key, holder);
        } catch (RuntimeException e) {
            LOG.warn("Comms could not free a concurrency slot; it frees itself when its lease ends: {}", e.toString());
        }
    }

    /** @return the store, for maintenance */
    LimitStore store() {
        return store;
    }

    /**
     * @param channel a channel
     * @return what health shows for it
     */
    LimitsHealth health(Channel channel) {
        LimitSettings.ChannelLimit l = settings.defaults.get(channel);
        return new LimitsHealth(l == null || l.rate() == null ? "" : l.rate().toString(), l == null ? 0 : l.concurrency(),
                Math.max(0, inFlight.get(channel).get()), refused.get(channel).get(), blind.get(channel).get());
    }
}
