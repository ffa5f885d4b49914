package dev.comms.benchmarks;

import dev.comms.Comms;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.SendOptions;
import dev.comms.Sms;
import dev.comms.billing.EntryKind;
import dev.comms.billing.InMemoryLedger;
import dev.comms.billing.LedgerCreditMeter;
import dev.comms.internal.InMemoryIdempotencyStore;
import dev.comms.spi.IdempotencyStore;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;

/**
 * Issue 11, row "heap per key": heap retained per distinct idempotency key after N keyed sends on one
 * facade over a no-op provider ({@link NoopSms}), each send a one-time code of its own, unmetered and metered (an {@link InMemoryLedger}
 * behind a {@link LedgerCreditMeter}), measured as used heap after full collections before and
 * after the sends; then, past the default bound of kept keys, how many keys (and ledger holds) are
 * retained and what each further key adds (a plateau shows as about 0 bytes per key).
 *
 * <p>The two sides interleave, three repeats. Run with a fixed heap so the collector behaves alike:
 * {@code java -Xmx2g -cp comms-benchmarks/target/benchmarks.jar dev.comms.benchmarks.HeapPerKeyBench [--quick]}
 */
public final class HeapPerKeyBench {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();
    /** The default bound of keys an in-memory store keeps (comms.idempotency.max-keys) and of resolved holds a ledger keeps. */
    private static final int DEFAULT_BOUND = 100_000;

    private HeapPerKeyBench() {
    }

    private static long used() throws InterruptedException {
        long best = Long.MAX_VALUE;
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(60);
            best = Math.min(best, MEMORY.getHeapMemoryUsage().getUsed());
        }
        return best;
    }

    /** A facade with the store and (when metered) the ledger it uses, reachable from here. */
    private record Rig(Comms comms, IdempotencyStore store, InMemoryLedger ledger) {
        static Rig build(boolean metered) {
            IdempotencyStore store = IdempotencyStore.inMemory(Clock.systemUTC(), Duration.ofHours(24));
            Comms.Builder b = Comms.builder().ambientConfiguration(false).autoDiscovery(false).provider(new NoopSms()).idempotencyStore(store);
            InMemoryLedger ledger = null;
            if (metered) {
                ledger = new InMemoryLedger();
                ledger.credit("default", Mode.LIVE, Money.ofPounds(1_000_000_000L), "top-up", EntryKind.TOP_UP);
                b.creditMeter(new LedgerCreditMeter(ledger));
            }
            return new Rig(b.build(), store, ledger);
        }

        void send(String prefix, int from, int to) {
            for (int i = from; i < to; i++) {
                // A distinct body per key, as one-time codes are: what a store keeps of a body shows.
                Sms sms = Sms.to("+447123456789").body("Your verification code is " + (100_000 + i % 900_000) + ". It expires in 10 minutes.")
                        .build();
                comms.sms().send(sms, SendOptions.idempotencyKey(prefix + i));
            }
        }

        int keys() {
            return store instanceof InMemoryIdempotencyStore s ? s.size() : -1;
        }

        int holds() {
            return ledger == null ? 0 : ledger.holdCount();
        }
    }

    /** @return bytes retained per key over {@code n} keyed sends after a warm-up */
    private static double perKey(boolean metered, int n) throws InterruptedException {
        Rig rig = Rig.build(metered);
        rig.send("warm-", 0, 2_000);
        long before = used();
        rig.send("key-", 0, n);
        long after = used();
        if (rig.keys() < 0) {
            throw new IllegalStateException("unexpected store");
        }
        rig.comms().close();
        return (double) (after - before) / n;
    }

    /**
     * @param args {@code --quick} for fewer keys
     * @throws Exception if the harness fails
     */
    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        int n = quick ? 40_000 : 90_000;
        int repeats = 3;
        double[] plain = new double[repeats];
        double[] metered = new double[repeats];
        perKey(false, 5_000);
        perKey(true, 5_000);
        for (int r = 0; r < repeats; r++) {
            plain[r] = perKey(false, n);
            metered[r] = perKey(true, n);
            System.out.printf("heap-per-key round %d: unmetered %.0f B/key, metered %.0f B/key%n", r, plain[r], metered[r]);
        }
        print("bytes_per_key", plain, "bounded", String.format("%,d distinct idempotency keys on one facade, NoopSms, no meter; used heap "
                + "after full GCs, after minus before, per key", n));
        print("bytes_per_key_metered", metered, "bounded", String.format("%,d distinct keys, InMemoryLedger+LedgerCreditMeter (24 h retention)", n));

        // Past the bound: 2.5x the default bound of keys; what the last 1.25x added per key, and what is kept.
        int total = DEFAULT_BOUND * 5 / 2;
        int half = total / 2;
        double[] growth = new double[repeats];
        double[] growthMetered = new double[repeats];
        int keys = 0;
        int holds = 0;
        for (int r = 0; r < repeats; r++) {
            for (boolean m : new boolean[] {false, true}) {
                Rig rig = Rig.build(m);
                rig.send("key-", 0, half);
                long mid = used();
                rig.send("key-", half, total);
                long end = used();
                double g = (double) (end - mid) / (total - half);
                if (m) {
                    growthMetered[r] = g;
                    holds = rig.holds();
                } else {
                    growth[r] = g;
                }
                keys = Math.max(keys, rig.keys());
                System.out.printf("heap-per-key past bound round %d metered=%s: %.0f B/key over the last %,d keys; keys kept %,d, ledger holds kept %,d%n",
                        r, m, g, total - half, rig.keys(), rig.holds());
                rig.comms().close();
            }
        }
        print("bytes_per_key_past_bound", growth, "~0", String.format("heap added per key by keys %,d..%,d (the default bound is %,d): "
                + "a plateau is about 0", half, total, DEFAULT_BOUND));
        print("bytes_per_key_past_bound_metered", growthMetered, "~0", String.format("the same, metered (InMemoryLedger+LedgerCreditMeter)"));
        System.out.printf("BENCH row=heap-per-key metric=retained_keys min=%d median=%d max=%d unit=keys goal=<=%d detail=after %,d distinct "
                + "keys: idempotency records kept %,d; ledger holds kept %,d (metered)%n", keys, keys, keys, DEFAULT_BOUND, total, keys, holds);
    }

    private static void print(String metric, double[] values, String goal, String detail) {
        double[] v = values.clone();
        Arrays.sort(v);
        System.out.printf("BENCH row=heap-per-key metric=%s min=%.0f median=%.0f max=%.0f unit=B goal=%s detail=%s%n", metric, v[0], v[1], v[2],
                goal, detail);
    }
}
