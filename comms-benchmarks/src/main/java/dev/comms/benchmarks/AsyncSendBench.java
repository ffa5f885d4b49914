package dev.comms.benchmarks;

import dev.comms.Comms;
import dev.comms.CommsException;
import dev.comms.Sms;
import dev.comms.SmsReceipt;
import dev.comms.providers.twilio.TwilioProvider;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Issue 11, row "async-10k": 10,000 {@code sendAsync} SMS through the facade and the Twilio module
 * (facade executor of 50 threads) to a JDK {@code HttpServer} stub answering in 20 ms (WireMock would
 * be the bottleneck; the stub has 400 handler threads), against the ideal 10,000 x 20 ms / 50 = 4 s.
 * The control, interleaved with it: a plain JDK {@code HttpClient} (HTTP/1.1), 50 threads each
 * sending blocking POSTs, same stub, same count. Three repeats of (control, facade).
 *
 * <p>Then one run on the DEFAULT executor ({@code comms.async.*} unset): 20,000 sends, at most 10,000
 * outstanding (the default queue, so none is refused for a full queue); its failures, plus those of
 * the 10,000-send runs, are the {@code failures} metric.
 *
 * <pre>
 * mvn -B -o -q -pl comms-benchmarks -am package -DskipTests
 * java -cp comms-benchmarks/target/benchmarks.jar dev.comms.benchmarks.AsyncSendBench [--quick]
 * </pre>
 * {@code --quick} is accepted for the quick suite and changes nothing: 10,000 sends per run (ideal 4 s)
 * and 20,000 on the default executor take well under a minute.
 */
public final class AsyncSendBench {
    private static final long DELAY_MS = 20;
    private static final int THREADS = 50;

    private AsyncSendBench() {
    }

    /**
     * @param args {@code --quick} (the same run)
     * @throws Exception if the stub cannot listen
     */
    public static void main(String[] args) throws Exception {
        int sends = 10_000;
        int defaultRun = 20_000;
        double ideal = sends * (double) DELAY_MS / THREADS / 1000.0;
        Sms sms = Sms.to("+447123456789").body("Your verification code is 123456. It expires in 10 minutes.").build();
        try (TwilioStubServer stub = new TwilioStubServer(DELAY_MS, 400)) {
            // warm-up: JIT and connections on both sides
            control(stub, 2_000);
            try (Comms comms = facade(stub, Map.of("comms.async.threads", String.valueOf(THREADS), "comms.async.queue", "20000"))) {
                facadeRun(comms, sms, 2_000, 2_000, new TreeMap<>());
            }
            double[] ratio = new double[3];
            double[] control = new double[3];
            double[] seconds = new double[3];
            Map<String, Integer> failures = new TreeMap<>();
            for (int repeat = 0; repeat < 3; repeat++) {
                double c = control(stub, sends);
                double f;
                try (Comms comms = facade(stub, Map.of("comms.async.threads", String.valueOf(THREADS), "comms.async.queue", "20000"))) {
                    f = facadeRun(comms, sms, sends, sends, failures);
                }
                control[repeat] = c / ideal;
                ratio[repeat] = f / ideal;
                seconds[repeat] = f;
                System.out.printf("repeat %d: facade %.2f s (%.2fx), control %.2f s (%.2fx), ideal %.2f s%n", repeat + 1, f, f / ideal, c,
                        c / ideal, ideal);
            }
            Map<String, Integer> defaultFailures = new TreeMap<>();
            double d;
            try (Comms comms = facade(stub, Map.of())) {
                d = facadeRun(comms, sms, defaultRun, 10_000, defaultFailures);
            }
            System.out.printf("default executor: %d sends in %.2f s, failures %s%n", defaultRun, d, defaultFailures);
            int n = failures.values().stream().mapToInt(Integer::intValue).sum();
            int nd = defaultFailures.values().stream().mapToInt(Integer::intValue).sum();
            double[] sorted = control.clone();
            Arrays.sort(sorted);
            String config = String.format("%d sendAsync per run, %d facade threads, stub 20 ms with 400 threads, ideal %.1f s%s", sends,
                    THREADS, ideal, "");
            print("time_over_ideal", ratio, "<=1.2", "x", String.format("control=%.2f (min %.2f max %.2f) failures=%d; facade s=%s; %s",
                    sorted[1], sorted[0], sorted[2], n, Arrays.toString(round(seconds)), config));
            print("failures", new double[] {n + nd, n + nd, n + nd}, "0", "count", String.format("3x%d-send runs: %d %s; default "
                    + "executor (64 threads) %d sends, at most 10,000 outstanding, %.1f s: %d %s", sends, n, failures, defaultRun, d, nd,
                    defaultFailures));
        }
    }

    private static Comms facade(TwilioStubServer stub, Map<String, String> extra) {
        Comms.Builder b = Comms.builder().ambientConfiguration(false).autoDiscovery(false).provider(new TwilioProvider())
                .property("comms.twilio.account-sid", TwilioStubServer.SID).property("comms.twilio.auth-token", TwilioStubServer.TOKEN)
                .property("comms.twilio.base-url", stub.baseUrl()).property("comms.sms.from", "+14155552671");
        extra.forEach(b::property);
        return b.build();
    }

    /** @return seconds from the first submission to the last completion */
    private static double facadeRun(Comms comms, Sms sms, int count, int maxOutstanding, Map<String, Integer> failures)
            throws InterruptedException {
        Semaphore outstanding = new Semaphore(maxOutstanding);
        List<CompletableFuture<SmsReceipt>> futures = new ArrayList<>(count);
        long t0 = System.nanoTime();
        for (int i = 0; i < count; i++) {
            outstanding.acquire();
            CompletableFuture<SmsReceipt> f;
            try {
                f = comms.sms().sendAsync(sms);
            } catch (RuntimeException e) {
                f = CompletableFuture.failedFuture(e);
            }
            f.whenComplete((r, e) -> outstanding.release());
            futures.add(f);
        }
        for (CompletableFuture<SmsReceipt> f : futures) {
            try {
                f.join();
            } catch (CompletionException e) {
                Throwable c = e.getCause();
                String code = c instanceof CommsException ce ? ce.code().name() : c.getClass().getSimpleName();
                failures.merge(code, 1, Integer::sum);
            }
        }
        return (System.nanoTime() - t0) / 1e9;
    }

    /** @return seconds for {@code count} POSTs from 50 threads through one JDK HttpClient */
    private static double control(TwilioStubServer stub, int count) throws InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(stub.baseUrl() + "/2010-04-01/Accounts/" + TwilioStubServer.SID
                + "/Messages.json")).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("To=%2B447123456789&From=%2B14155552671&Body=hello")).build();
        AtomicInteger left = new AtomicInteger(count);
        AtomicInteger errors = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        long t0 = System.nanoTime();
        for (int t = 0; t < THREADS; t++) {
            pool.execute(() -> {
                while (left.getAndDecrement() > 0) {
                    try {
                        if (http.send(request, HttpResponse.BodyHandlers.ofString()).statusCode() != 201) {
                            errors.incrementAndGet();
                        }
                    } catch (Exception e) {
                        errors.incrementAndGet();
                    }
                }
            });
        }
        pool.shutdown();
        pool.awaitTermination(10, java.util.concurrent.TimeUnit.MINUTES);
        double s = (System.nanoTime() - t0) / 1e9;
        if (errors.get() > 0) {
            throw new IllegalStateException("the control failed " + errors.get() + " requests");
        }
        return s;
    }

    private static double[] round(double[] v) {
        double[] r = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            r[i] = Math.round(v[i] * 100) / 100.0;
        }
        return r;
    }

    private static void print(String metric, double[] values, String goal, String unit, String detail) {
        double[] s = values.clone();
        Arrays.sort(s);
        System.out.printf("BENCH row=async-10k metric=%s min=%.2f median=%.2f max=%.2f unit=%s goal=%s detail=%s%n", metric, s[0], s[1], s[2],
                unit, goal, detail);
    }
}
