package dev.comms.billing;

import dev.comms.Mode;
import dev.comms.Money;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires a {@link LowBalanceListener} once per downward crossing of a threshold: the first observation
 * below it fires, later ones below do not, and an observation at or above it (a top-up) re-arms it.
 * A compare-and-set per account makes "once" hold when many sends observe the crossing at once. A
 * throwing listener is logged and never breaks a send.
 */
public final class LowBalanceMonitor {
    private static final Logger LOG = LoggerFactory.getLogger(LowBalanceMonitor.class);

    private record Key(String account, Mode mode) {
    }

    private final Money threshold;
    private final LowBalanceListener listener;
    private final Map<Key, AtomicBoolean> below = new ConcurrentHashMap<>();

    /**
     * @param threshold the balance under which the listener fires
     * @param listener the listener
     */
    public LowBalanceMonitor(Money threshold, LowBalanceListener listener) {
        this.threshold = Objects.requireNonNull(threshold, "threshold");
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * Records an observed available balance.
     *
     * @param account the account
     * @param mode live or test
     * @param available the available balance
     */
    public void observe(String account, Mode mode, Money available) {
        AtomicBoolean flag = below.computeIfAbsent(new Key(account, mode), k -> new AtomicBoolean());
        if (available.isLessThan(threshold)) {
            if (flag.compareAndSet(false, true)) {
                try {
                    listener.lowBalance(account, mode, available, threshold);
                } catch (RuntimeException e) {
                    LOG.warn("Comms low-balance listener failed for account {}: {}", account, e.toString());
                }
            }
        } else {
            flag.set(false);
        }
    }

    /** @return the threshold */
    public Money threshold() {
        return threshold;
    }
}
