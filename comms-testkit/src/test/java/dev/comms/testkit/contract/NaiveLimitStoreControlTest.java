package dev.comms.testkit.contract;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.comms.spi.LimitStore;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The negative control: a store that counts, checks and then takes without a lock must fail the race. */
class NaiveLimitStoreControlTest {
    /** Check-then-act with a gap between them, as a hand-written "SELECT count; if below: INSERT" does. */
    static final class NaiveStore implements LimitStore {
        final Map<String, AtomicInteger> used = new ConcurrentHashMap<>();
        final Map<String, Boolean> holders = new ConcurrentHashMap<>();

        @Override
        public Acquisition acquire(String key, int max, int units, String holder, Duration lease) {
            AtomicInteger n = used.computeIfAbsent(key, k -> new AtomicInteger());
            if (n.get() + units <= max) {   // check
                Thread.yield();             // (the gap a round trip makes)
                n.addAndGet(units);         // act
                holders.put(key + "|" + holder, true);
                return Acquisition.TAKEN;
            }
            return new Acquisition(false, Duration.ofSeconds(1));
        }

        @Override
        public void release(String key, String holder) {
            if (holders.remove(key + "|" + holder) != null) {
                used.get(key).decrementAndGet();
            }
        }

        @Override
        public int inUse(String key) {
            AtomicInteger n = used.get(key);
            return n == null ? 0 : n.get();
        }
    }

    @Test
    void theRaceCatchesANaiveStore() {
        LimitStoreContract naive = new LimitStoreContract() {
            private final NaiveStore store = new NaiveStore();

            @Override
            protected LimitStore store() {
                return store;
            }

            @Override
            protected void pass(Duration d) {
            }
        };
        assertThatThrownBy(() -> {
            for (int i = 0; i < 20; i++) {
                naive.neverMoreThanMaxHeldUnderARace();
            }
        }).isInstanceOf(AssertionError.class);
    }
}
