package dev.comms.internal;

import dev.comms.spi.LimitStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The limits' state in one JVM: per key, the leases held, ordered by their end. Acquiring drops the
 * key's ended leases first (O(ended log n)); {@link #purgeExpired()} forgets ended leases of keys
 * nobody touches any more through one queue ordered by lease end, O(expired log n), and drops keys
 * with nothing held, so memory stays bounded by what is held now. Exact under contention: each key is
 * guarded by its own lock.
 */
public final class InMemoryLimitStore implements LimitStore {
    private record Lease(String key, String holder, int units, Instant until) {
    }

    private static final Comparator<Lease> BY_END = Comparator.comparing(Lease::until).thenComparing(Lease::holder);

    private static final class KeyState {
        final TreeSet<Lease> byEnd = new TreeSet<>(BY_END);
        final Map<String, Lease> byHolder = new HashMap<>();
        int used;
        boolean dead;

        void drop(Lease l) {
            if (byHolder.get(l.holder()) == l) {
                byHolder.remove(l.holder());
                byEnd.remove(l);
                used -= l.units();
            }
        }

        void dropEnded(Instant now) {
            for (Lease first; (first = byEnd.isEmpty() ? null : byEnd.first()) != null && !first.until().isAfter(now); ) {
                drop(first);
            }
        }
    }

    private final Clock clock;
    private final Map<String, KeyState> keys = new ConcurrentHashMap<>();
    private final PriorityQueue<Lease> ends = new PriorityQueue<>(BY_END);

    /** @param clock the facade's clock (tests use virtual time) */
    public InMemoryLimitStore(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Acquisition acquire(String key, int max, int units, String holder, Duration lease) {
        int take = Math.max(1, Math.min(units, max));
        while (true) {
            KeyState st = keys.computeIfAbsent(key, k -> new KeyState());
            synchronized (st) {
                if (st.dead) {
                    continue; // purged between the lookup and the lock: take the live one
                }
                Instant now = clock.instant();
                st.dropEnded(now);
                if (st.byHolder.containsKey(holder)) {
                    return Acquisition.TAKEN;
                }
                if (st.used + take <= max) {
                    Lease l = new Lease(key, holder, take, now.plus(lease));
                    st.byEnd.add(l);
                    st.byHolder.put(holder, l);
                    st.used += take;
                    synchronized (ends) {
                        ends.add(l);
                    }
                    return Acquisition.TAKEN;
                }
                int free = max - st.used;
                Instant at = now;
                for (Lease l : st.byEnd) {
                    free += l.units();
                    at = l.until();
                    if (free >= take) {
                        break;
                    }
                }
                Duration wait = Duration.between(now, at);
                return new Acquisition(false, wait.isNegative() ? Duration.ZERO : wait);
            }
        }
    }

    @Override
    public void release(String key, String holder) {
        KeyState st = keys.get(key);
        if (st == null) {
            return;
        }
        synchronized (st) {
            Lease l = st.byHolder.get(holder);
            if (l != null) {
                st.drop(l);
            }
        }
    }

    @Override
    public int inUse(String key) {
        KeyState st = keys.get(key);
        if (st == null) {
            return 0;
        }
        synchronized (st) {
            st.dropEnded(clock.instant());
            return st.used;
        }
    }

    @Override
    public int purgeExpired() {
        Instant now = clock.instant();
        int n = 0;
        while (true) {
            Lease l;
            synchronized (ends) {
                l = ends.peek();
                if (l == null || l.until().isAfter(now)) {
                    break;
                }
                ends.poll();
            }
            KeyState st = keys.get(l.key());
            if (st == null) {
                continue;
            }
            synchronized (st) {
                st.drop(l);
                if (st.used == 0 && st.byHolder.isEmpty() && !st.dead) {
                    st.dead = true;
                    keys.remove(l.key(), st);
                }
            }
            n++;
        }
        return n;
    }

    /** @return keys kept now, for tests */
    int keyCount() {
        return keys.size();
    }
}
