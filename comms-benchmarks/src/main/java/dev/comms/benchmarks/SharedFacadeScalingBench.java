package dev.comms.benchmarks;

import dev.comms.Comms;
import dev.comms.Mode;
import dev.comms.Money;
import dev.comms.Sms;
import dev.comms.billing.EntryKind;
import dev.comms.billing.InMemoryLedger;
import dev.comms.billing.LedgerCreditMeter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Issue 11, row "shared facade": how a single facade shared by two threads scales (2 threads over 1)
 * next to the control of one facade per thread, on a no-op provider ({@link NoopSms}). The figure is
 * the ratio of the two scalings (throughput of 2 threads on the shared facade over throughput of 2
 * threads with a facade each): 1.0 means sharing costs nothing.
 *
 * <p>Variants: unmetered; metered with an {@link InMemoryLedger} where each thread sends on its own
 * accounts (4 each, round robin); metered with every thread on one account. The control of a metered
 * variant gives each thread its own facade and its own ledger. Each side runs in short windows (300 ms
 * after 100 ms of warm-up), the three sides (1 thread, 2 shared, 2 with a facade each) in turn for 9
 * cycles (21 without --quick); the figure is the median over cycles of shared over control in the same
 * cycle; three repeats.
 *
 * <p>{@code java -cp comms-benchmarks/target/benchmarks.jar dev.comms.benchmarks.SharedFacadeScalingBench [--quick]}
 */
public final class SharedFacadeScalingBench {
    private static final String BODY = "Your verification code is 123456. It expires in 10 minutes.";

    private SharedFacadeScalingBench() {
    }

    private enum Variant {
        UNMETERED, METERED_SEVERAL_ACCOUNTS, METERED_ONE_ACCOUNT
    }

    /** One facade and what it needs closed. */
    private record Facade(Comms comms) {
        static Facade build(Variant v) {
            Comms.Builder b = Comms.builder().ambientConfiguration(false).autoDiscovery(false).provider(new NoopSms());
            if (v != Variant.UNMETERED) {
                InMemoryLedger ledger = new InMemoryLedger();
                for (int t = 0; t < 2; t++) {
                    for (String a : accounts(v, t)) {
                        ledger.credit(a, Mode.LIVE, Money.ofPounds(1_000_000_000L), "top-up-" + a, EntryKind.TOP_UP);
                    }
                }
                b.creditMeter(new LedgerCreditMeter(ledger));
            }
            return new Facade(b.build());
        }
    }

    static List<String> accounts(Variant v, int thread) {
        return switch (v) {
            case UNMETERED -> List.of("default");
            case METERED_ONE_ACCOUNT -> List.of("acct-shared");
            case METERED_SEVERAL_ACCOUNTS -> List.of("acct-" + thread + "-a", "acct-" + thread + "-b", "acct-" + thread + "-c",
                    "acct-" + thread + "-d");
        };
    }

    /**
     * Runs {@code threads} threads for {@code millis} after a warm-up of {@code warmMillis}, each on
     * the facade {@code facades[t]}.
     *
     * @return sends per second, all threads together
     */
    static double run(Variant v, Comms[] facades, long warmMillis, long millis) throws InterruptedException {
        int threads = facades.length;
        AtomicBoolean measuring = new AtomicBoolean();
        AtomicBoolean stop = new AtomicBoolean();
        long[] counts = new long[threads * 16];
        CountDownLatch ready = new CountDownLatch(threads);
        List<Thread> ts = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            int id = t;
            List<Comms> bound = new ArrayList<>();
            for (String a : accounts(v, t)) {
                bound.add(v == Variant.UNMETERED ? facades[t] : facades[t].forAccount(a));
            }
            Sms sms = Sms.to("+44712345678" + t).body(BODY).build();
            Thread th = new Thread(() -> {
                ready.countDown();
                long n = 0;
                int i = 0;
                boolean counting = false;
                while (!stop.get()) {
                    bound.get(i).sms().send(sms);
                    i = i + 1 == bound.size() ? 0 : i + 1;
                    if (counting) {
                        n++;
                    } else if (measuring.get()) {
                        counting = true;
                    }
                }
                counts[id * 16] = n;
            }, "bench-" + t);
            ts.add(th);
        }
        System.gc(); // outside the window: garbage of the previous window is not charged to this one
        ts.forEach(Thread::start);
        ready.await();
        Thread.sleep(warmMillis);
        long t0 = System.nanoTime();
        measuring.set(true);
        Thread.sleep(millis);
        stop.set(true);
        long dt = System.nanoTime() - t0;
        for (Thread th : ts) {
            th.join();
        }
        long total = 0;
        for (int t = 0; t < threads; t++) {
            total += counts[t * 16];
        }
        return total / (dt / 1e9);
    }

    /**
     * @param args {@code --quick} for shorter windows
     * @throws Exception if the harness fails
     */
    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        long warm = 100;
        long window = 300;
        int cycles = quick ? 9 : 21;
        int repeats = 3;
        Variant[] variants = Variant.values();
        double[][] ratio = new double[variants.length][repeats];
        String[] details = new String[variants.length];
        // JIT warm-up of the whole path on every variant, not measured.
        for (Variant v : variants) {
            Facade f = Facade.build(v);
            run(v, new Comms[] {f.comms()}, 1000, 200);
            f.comms().close();
        }
        for (int r = 0; r < repeats; r++) {
            for (int vi = 0; vi < variants.length; vi++) {
                Variant v = variants[vi];
                Facade single = Facade.build(v);
                Facade shared = Facade.build(v);
                Facade a = Facade.build(v);
                Facade b = Facade.build(v);
                // Short windows, the three sides in turn, many cycles: bursts of load from elsewhere hit neighbouring
                // windows alike; the median of the per-cycle figures counts.
                double[] ones = new double[cycles];
                double[] shareds = new double[cycles];
                double[] controls = new double[cycles];
                double[] ratios = new double[cycles];
                for (int c = 0; c < cycles; c++) {
                    ones[c] = run(v, new Comms[] {single.comms()}, warm, window);
                    if (c % 2 == 0) {
                        shareds[c] = run(v, new Comms[] {shared.comms(), shared.comms()}, warm, window);
                        controls[c] = run(v, new Comms[] {a.comms(), b.comms()}, warm, window);
                    } else {
                        controls[c] = run(v, new Comms[] {a.comms(), b.comms()}, warm, window);
                        shareds[c] = run(v, new Comms[] {shared.comms(), shared.comms()}, warm, window);
                    }
                    ratios[c] = shareds[c] / controls[c];
                }
                for (Facade f : new Facade[] {single, shared, a, b}) {
                    f.comms().close();
                }
                double one = median(ones);
                double sharedTwo = median(shareds);
                double controlTwo = median(controls);
                ratio[vi][r] = median(ratios);
                String d = String.format("1t=%.0f/s shared2t=%.0f/s (x%.2f) control2t=%.0f/s (x%.2f)", one, sharedTwo, sharedTwo / one, controlTwo,
                        controlTwo / one);
                details[vi] = (details[vi] == null ? "" : details[vi] + "; ") + d;
                System.out.println("shared-facade round " + r + " " + v + ": " + d);
            }
        }
        print("scaling_vs_control", ratio[0], ">=0.95", "unmetered, NoopSms, unkeyed sends; " + details[0]);
        print("metered_scaling_vs_control", ratio[1], ">=0.9", "InMemoryLedger+LedgerCreditMeter, 4 accounts per thread; " + details[1]);
        print("one_account_scaling_vs_control", ratio[2], "info", "InMemoryLedger+LedgerCreditMeter, both threads on one account "
                + "(control: a ledger per thread); " + details[2]);
    }

    private static double median(double[] values) {
        double[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }

    private static void print(String metric, double[] values, String goal, String detail) {
        double[] v = values.clone();
        Arrays.sort(v);
        System.out.printf("BENCH row=shared-facade metric=%s min=%.2f median=%.2f max=%.2f unit=ratio goal=%s detail=%s%n", metric, v[0], v[1],
                v[2], goal, detail);
    }
}
