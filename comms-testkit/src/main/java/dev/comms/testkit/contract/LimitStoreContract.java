package dev.comms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThat;

import dev.comms.spi.LimitStore;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * What every {@link LimitStore} owes the facade's limits, for the in-memory store and the JDBC one
 * alike: at most {@code max} units held under any race, a holder that never releases frees its units
 * when its lease ends, a refusal says how long until a unit would be free, and ended leases are purged.
 * A store that checks and then takes without a lock fails {@link #neverMoreThanMaxHeldUnderARace()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class LimitStoreContract {
    private static final AtomicInteger KEYS = new AtomicInteger();

    /** Creates the contract. */
    protected LimitStoreContract() {
    }

    /** @return the store under test */
    protected abstract LimitStore store();

    /**
     * Lets {@code d} pass (advance a virtual clock, or sleep).
     *
     * @param d how long
     */
    protected abstract void pass(Duration d);

    /** @return a lease short enough to end during a test */
    protected Duration shortLease() {
        return Duration.ofMillis(400);
    }

    /** @return a fresh key, so tests never share state */
    protected String key() {
        return "contract|" + getClass().getSimpleName() + "|" + System.nanoTime() + "|" + KEYS.incrementAndGet();
    }

    /**
     * 32 threads take and release one of 5 units 40 times each; the number held at once, counted by
     * the holders themselves, never passes 5.
     *
     * @throws Exception if a thread fails
     */
    @Test
    public void neverMoreThanMaxHeldUnderARace() throws Exception {
        String key = key();
        AtomicInteger holding = new AtomicInteger();
        AtomicInteger maxSeen = new AtomicInteger();
        AtomicInteger granted = new AtomicInteger();
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        try {
            List<Future<?>> f = new ArrayList<>();
            for (int t = 0; t < 32; t++) {
                int id = t;
                f.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < 40; i++) {
                        String holder = "h-" + id + "-" + i;
                        if (store().acquire(key, 5, 1, holder, Duration.ofMinutes(5)).acquired()) {
                            granted.incrementAndGet();
                            int now = holding.incrementAndGet();
                            maxSeen.accumulateAndGet(now, Math::max);
                            Thread.yield();
                            holding.decrementAndGet();
                            store().release(key, holder);
                        }
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> x : f) {
                x.get(2, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("limit_store_race store=" + getClass().getSimpleName() + " threads=32 max=5 granted=" + granted.get()
                + " max_held_at_once=" + maxSeen.get() + " held_after=" + store().inUse(key));
        assertThat(maxSeen.get()).isBetween(1, 5);
        assertThat(granted.get()).isPositive();
        assertThat(store().inUse(key)).isZero();
    }

    /** A rate of 3 per lease: 3 taken, the fourth refused with a wait, all free after the lease. */
    @Test
    public void unitsComeBackWhenTheirLeaseEndsAndARefusalSaysWhen() {
        String key = key();
        for (int i = 0; i < 3; i++) {
            assertThat(store().acquire(key, 3, 1, "r" + i, shortLease()).acquired()).isTrue();
        }
        LimitStore.Acquisition refused = store().acquire(key, 3, 1, "r3", shortLease());
        assertThat(refused.acquired()).isFalse();
        assertThat(refused.retryAfter()).isPositive().isLessThanOrEqualTo(shortLease());
        assertThat(store().inUse(key)).isEqualTo(3);
        pass(shortLease().plusMillis(100));
        assertThat(store().inUse(key)).isZero();
        assertThat(store().acquire(key, 3, 1, "r4", shortLease()).acquired()).isTrue();
    }

    /** A holder that crashed (never releases) frees its slot at the end of its lease. */
    @Test
    public void aCrashedHoldersSlotIsFreeAfterItsLease() {
        String key = key();
        assertThat(store().acquire(key, 1, 1, "crashed", shortLease()).acquired()).isTrue();
        assertThat(store().acquire(key, 1, 1, "next", shortLease()).acquired()).isFalse();
        pass(shortLease().plusMillis(100));
        assertThat(store().acquire(key, 1, 1, "next", shortLease()).acquired()).isTrue();
    }

    /** Several units at once (an SMS counted in segments), never more than the max, and never half. */
    @Test
    public void severalUnitsAreTakenTogetherOrNotAtAll() {
        String key = key();
        assertThat(store().acquire(key, 5, 3, "a", Duration.ofMinutes(1)).acquired()).isTrue();
        assertThat(store().acquire(key, 5, 3, "b", Duration.ofMinutes(1)).acquired()).isFalse();
        assertThat(store().inUse(key)).isEqualTo(3);
        assertThat(store().acquire(key, 5, 2, "c", Duration.ofMinutes(1)).acquired()).isTrue();
        store().release(key, "a");
        assertThat(store().inUse(key)).isEqualTo(2);
        store().release(key, "nobody");
        assertThat(store().inUse(key)).isEqualTo(2);
    }

    /** Ended leases are forgotten by the purge. */
    @Test
    public void endedLeasesArePurged() {
        String key = key();
        for (int i = 0; i < 10; i++) {
            store().acquire(key, 100, 1, "p" + i, shortLease());
        }
        pass(shortLease().plusMillis(100));
        assertThat(store().purgeExpired()).isGreaterThanOrEqualTo(10);
        assertThat(store().inUse(key)).isZero();
    }
}
