package dev.comms.billing.contract;

import dev.comms.billing.*;

import dev.comms.Channel;
import dev.comms.InsufficientCreditsException;
import dev.comms.Mode;
import dev.comms.Money;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The concurrent scenarios of RELIABILITY.md, as functions of a ledger returning their figures, so
 * the contract can assert them on correct ledgers and the naive control can be shown to fail them.
 */
public final class LedgerScenarios {
    private LedgerScenarios() {
    }

    /** Figures of one run; printed as one line. */
    public record Figures(String name, int threads, int ops, int granted, int rejected, long gapMicros, int doubleCharged,
            int pendingLeft, int crashed, int expired, long availableMicros, double opsPerSecond, int holds) {
        @Override
        public String toString() {
            return String.format("%s threads=%d ops=%d granted=%d rejected=%d gap=%d double_charged=%d pending_left=%d "
                    + "crashed=%d expired=%d holds=%d available=%s ops/s=%.0f", name, threads, ops, granted, rejected, gapMicros,
                    doubleCharged, pendingLeft, crashed, expired, holds, Money.ofMicroPence(availableMicros).format(), opsPerSecond);
        }
    }

    /**
     * Overdraw race: threads x perThread SMS at 3p on one account funded for exactly {@code fundedSms}.
     *
     * @param ledger the ledger
     * @param account a fresh account
     * @param threads threads
     * @param perThread sends per thread
     * @param fundedSms how many 3p sends the account can pay for
     * @return the figures
     */
    public static Figures overdrawRace(Ledger ledger, String account, int threads, int perThread, int fundedSms) throws Exception {
        Money price = Money.ofPence(3);
        ledger.credit(account, Mode.LIVE, price.times(fundedSms), "fund-" + account, EntryKind.TOP_UP);
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        long t0 = System.nanoTime();
        run(threads, t -> {
            for (int i = 0; i < perThread; i++) {
                try {
                    Hold h = ledger.reserve(new HoldRequest(account, Mode.LIVE, "k-" + t + "-" + i, "fp", Channel.SMS, price,
                            Duration.ofMinutes(10)));
                    ledger.commit(h.id(), price);
                    granted.incrementAndGet();
                } catch (InsufficientCreditsException e) {
                    rejected.incrementAndGet();
                }
            }
        });
        double secs = (System.nanoTime() - t0) / 1e9;
        Balance b = ledger.balance(account, Mode.LIVE);
        int ops = threads * perThread;
        return new Figures("overdraw", threads, ops, granted.get(), rejected.get(), b.gap().microPence(),
                doubleCharged(ledger, account), ledger.pendingHolds(account, Mode.LIVE).size(), 0, 0, b.available().microPence(),
                ops / secs, granted.get());
    }

    /**
     * Mixed soak: threads race over a small key space (so the same key is reserved concurrently), at
     * prices {3p, 7p, 0.15p, 15p}; each owner of a hold commits (70%), releases (20%) or "crashes"
     * leaving it pending (10%); then leases are run out and expired holds swept.
     *
     * @param ledger the ledger
     * @param account a fresh account
     * @param threads threads
     * @param perThread operations per thread
     * @param keySpace distinct keys
     * @param funding the credit given first
     * @param expireAll runs the leases out (advance a fake clock, or wait)
     * @return the figures
     */
    public static Figures mixedSoak(Ledger ledger, String account, int threads, int perThread, int keySpace, Money funding,
            Runnable expireAll, Duration lease) throws Exception {
        Money[] prices = {Money.ofPence(3), Money.ofPence(7), Money.parse("0.15"), Money.ofPence(15)};
        ledger.credit(account, Mode.LIVE, funding, "fund-" + account, EntryKind.TOP_UP);
        AtomicInteger granted = new AtomicInteger();
        AtomicInteger rejected = new AtomicInteger();
        AtomicInteger crashed = new AtomicInteger();
        Set<Long> owned = ConcurrentHashMap.newKeySet();
        long t0 = System.nanoTime();
        run(threads, t -> {
            ThreadLocalRandom r = ThreadLocalRandom.current();
            for (int i = 0; i < perThread; i++) {
                int k = r.nextInt(keySpace);
                Money price = prices[k % prices.length];
                Hold h;
                try {
                    h = ledger.reserve(new HoldRequest(account, Mode.LIVE, "key-" + k, "fp-" + k, Channel.SMS, price, lease));
                } catch (InsufficientCreditsException e) {
                    rejected.incrementAndGet();
                    continue;
                }
                if (h.replayed() || !owned.add(h.id())) {
                    continue; // another thread owns this key's hold: a duplicate request
                }
                granted.incrementAndGet();
                int roll = r.nextInt(100);
                if (roll < 70) {
                    ledger.commit(h.id(), r.nextBoolean() ? price : Money.ofMicroPence(price.microPence() / 2));
                    ledger.commit(h.id(), price); // a duplicate commit must not charge again
                } else if (roll < 90) {
                    ledger.release(h.id());
                    ledger.release(h.id());
                } else {
                    crashed.incrementAndGet();
                }
            }
        });
        double secs = (System.nanoTime() - t0) / 1e9;
        expireAll.run();
        // expireDue() sweeps every account in the store (a shared database holds other tests' holds too),
        // so the soak counts what left its own account's pending holds
        int pendingBefore = ledger.pendingHolds(account, Mode.LIVE).size();
        while (ledger.expireDue() > 0) {
            // sweep until nothing is due
        }
        int expired = pendingBefore - ledger.pendingHolds(account, Mode.LIVE).size();
        Balance b = ledger.balance(account, Mode.LIVE);
        int ops = threads * perThread;
        return new Figures("soak", threads, ops, granted.get(), rejected.get(), b.gap().microPence(), doubleCharged(ledger, account),
                ledger.pendingHolds(account, Mode.LIVE).size(), crashed.get(), expired, b.available().microPence(), ops / secs,
                owned.size());
    }

    /**
     * Duplicate storm: {@code n} concurrent reserves with one key.
     *
     * @param ledger the ledger
     * @param account a fresh account
     * @param n how many
     * @return the figures; holds = distinct hold ids seen
     */
    public static Figures duplicateStorm(Ledger ledger, String account, int threads, int n) throws Exception {
        ledger.credit(account, Mode.LIVE, Money.ofPounds(100), "fund-" + account, EntryKind.TOP_UP);
        Set<Long> ids = ConcurrentHashMap.newKeySet();
        AtomicInteger fresh = new AtomicInteger();
        AtomicInteger next = new AtomicInteger();
        long t0 = System.nanoTime();
        run(threads, t -> {
            while (next.getAndIncrement() < n) {
                Hold h = ledger.reserve(new HoldRequest(account, Mode.LIVE, "the-key", "fp", Channel.SMS, Money.ofPence(3),
                        Duration.ofMinutes(10)));
                ids.add(h.id());
                if (!h.replayed()) {
                    fresh.incrementAndGet();
                }
            }
        });
        double secs = (System.nanoTime() - t0) / 1e9;
        Balance b = ledger.balance(account, Mode.LIVE);
        return new Figures("duplicate_storm", threads, n, fresh.get(), n - fresh.get(), b.gap().microPence(), 0,
                ledger.pendingHolds(account, Mode.LIVE).size(), 0, 0, b.available().microPence(), n / secs, ids.size());
    }

    /** @return holds with more than one CHARGE journal entry */
    public static int doubleCharged(Ledger ledger, String account) {
        Map<Long, Integer> charges = new HashMap<>();
        for (JournalEntry e : ledger.journal(account, Mode.LIVE)) {
            if (e.kind() == EntryKind.CHARGE) {
                charges.merge(e.holdId(), 1, Integer::sum);
            }
        }
        return (int) charges.values().stream().filter(c -> c > 1).count();
    }

    /** A body run by each of {@code threads} threads, all released at once. */
    @FunctionalInterface
    public interface Body {
        /** @param thread the thread's index */
        void run(int thread) throws Exception;
    }

    /**
     * Runs the body on threads started together; rethrows the first failure. Bounded: 120 s.
     *
     * @param threads how many
     * @param body what each runs
     */
    public static void run(int threads, Body body) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<?>> futures = new ArrayList<>();
        try {
            for (int t = 0; t < threads; t++) {
                int id = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    body.run(id);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> f : futures) {
                f.get(120, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
            pool.awaitTermination(10, TimeUnit.SECONDS);
        }
    }

    /** @return a supplier of fresh account names */
    public static Supplier<String> accounts(String prefix) {
        AtomicInteger n = new AtomicInteger();
        String run = Long.toString(System.nanoTime(), 36);
        return () -> prefix + "-" + run + "-" + n.incrementAndGet();
    }
}
