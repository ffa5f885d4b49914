package dev.comms.benchmarks;

import com.twilio.http.TwilioRestClient;
import com.twilio.rest.api.v2010.account.Message;
import com.twilio.type.PhoneNumber;
import dev.comms.Comms;
import dev.comms.Sms;
import dev.comms.providers.twilio.TwilioProvider;
import dev.comms.spi.SendContext;
import dev.comms.spi.SmsSender;
import dev.comms.testkit.ProviderContexts;
import java.util.Arrays;
import java.util.Map;

/**
 * Issue 11, row "twilio-p50": one SMS through the facade and the Twilio module against the bare
 * Twilio SDK, same local stub (a JDK {@code HttpServer} on 127.0.0.1 answering Messages create at
 * once), same HTTP client settings, calls sequential on one thread. Three sides run in interleaved
 * batches in one JVM: A = {@code comms.sms().send(...)}, M = the module alone
 * ({@code smsSender.send(sms, context)}, no facade), B = {@code Message.creator(...).create(client)}.
 * Each repeat reports p50(A) / p50(B) and p50(M) / p50(B).
 *
 * <pre>
 * mvn -B -o -q -pl comms-benchmarks -am package -DskipTests
 * java -cp comms-benchmarks/target/benchmarks.jar dev.comms.benchmarks.TwilioLatencyBench [--quick]
 * </pre>
 */
public final class TwilioLatencyBench {
    private static final String TO = "+447123456789";
    private static final String FROM = "+14155552671";
    private static final String BODY = "Your verification code is 123456. It expires in 10 minutes.";

    private TwilioLatencyBench() {
    }

    /**
     * @param args {@code --quick} for fewer calls
     * @throws Exception if the stub cannot listen
     */
    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        // the facade's path keeps being compiled well past 3,000 calls (the first repeat ran 10-80% slower)
        int warmup = 20_000;
        // small batches, rotated: the machine's load drifts, and each side must see the same drift
        int batches = quick ? 600 : 800;
        int batch = 10;
        try (TwilioStubServer stub = new TwilioStubServer(0, 8);
                Comms comms = Comms.builder().ambientConfiguration(false).autoDiscovery(false).provider(new TwilioProvider())
                        .property("comms.twilio.account-sid", TwilioStubServer.SID)
                        .property("comms.twilio.auth-token", TwilioStubServer.TOKEN)
                        .property("comms.twilio.base-url", stub.baseUrl()).property("comms.sms.from", FROM).build()) {
            SmsSender module = new TwilioProvider().smsSender(ProviderContexts.of(TwilioProvider.ID, Map.of(
                    "comms.twilio.account-sid", TwilioStubServer.SID, "comms.twilio.auth-token", TwilioStubServer.TOKEN,
                    "comms.twilio.base-url", stub.baseUrl())));
            TwilioRestClient bare = BareTwilio.client(stub.baseUrl(), 20);
            Sms sms = Sms.to(TO).body(BODY).build();
            Sms direct = Sms.to(TO).from(FROM).body(BODY).build();
            SendContext context = SendContext.of("msg_bench");
            Runnable a = () -> comms.sms().send(sms);
            Runnable m = () -> module.send(direct, context);
            Runnable b = () -> Message.creator(new PhoneNumber(TO), new PhoneNumber(FROM), BODY).create(bare);
            for (int i = 0; i < warmup; i++) {
                a.run();
                m.run();
                b.run();
            }
            double[] facade = new double[3];
            double[] alone = new double[3];
            double[][] p50 = new double[3][];
            for (int repeat = 0; repeat < 3; repeat++) {
                long[] na = new long[batches * batch];
                long[] nm = new long[batches * batch];
                long[] nb = new long[batches * batch];
                int n = 0;
                for (int k = 0; k < batches; k++) {
                    // rotate the order so no side always runs right after another
                    Runnable[] order = k % 3 == 0 ? new Runnable[] {a, m, b} : k % 3 == 1 ? new Runnable[] {b, a, m} : new Runnable[] {m, b, a};
                    long[][] into = k % 3 == 0 ? new long[][] {na, nm, nb} : k % 3 == 1 ? new long[][] {nb, na, nm} : new long[][] {nm, nb, na};
                    for (int s = 0; s < 3; s++) {
                        time(order[s], into[s], n, batch);
                    }
                    n += batch;
                }
                p50[repeat] = new double[] {median(na), median(nm), median(nb)};
                facade[repeat] = p50[repeat][0] / p50[repeat][2];
                alone[repeat] = p50[repeat][1] / p50[repeat][2];
                System.out.printf("repeat %d: p50 facade %.1f us, module %.1f us, bare SDK %.1f us%n", repeat + 1,
                        p50[repeat][0] / 1000, p50[repeat][1] / 1000, p50[repeat][2] / 1000);
            }
            String detail = String.format("p50_us(facade/module/sdk)=%s; %d calls per side per repeat in interleaved batches of %d; "
                    + "warm-up %d; JDK HttpServer stub on loopback, one thread, pool 20%s", describe(p50), batches * batch, batch, warmup,
                    quick ? "; --quick" : "");
            print("facade_over_sdk_p50", facade, "<=1.02", detail);
            print("module_over_sdk_p50", alone, "info", detail);
            module.close();
            if (stub.requests() != (long) (warmup + 3 * batches * batch) * 3) {
                throw new IllegalStateException("the stub saw " + stub.requests() + " requests");
            }
        }
    }

    private static void time(Runnable r, long[] into, int from, int count) {
        for (int i = 0; i < count; i++) {
            long t0 = System.nanoTime();
            r.run();
            into[from + i] = System.nanoTime() - t0;
        }
    }

    private static double median(long[] nanos) {
        long[] s = nanos.clone();
        Arrays.sort(s);
        return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2.0;
    }

    private static String describe(double[][] p50) {
        StringBuilder sb = new StringBuilder();
        for (double[] r : p50) {
            sb.append(sb.length() == 0 ? "" : ",").append(String.format("%.0f/%.0f/%.0f", r[0] / 1000, r[1] / 1000, r[2] / 1000));
        }
        return sb.toString();
    }

    static void print(String metric, double[] values, String goal, String detail) {
        double[] s = values.clone();
        Arrays.sort(s);
        System.out.printf("BENCH row=twilio-p50 metric=%s min=%.3f median=%.3f max=%.3f unit=ratio goal=%s detail=%s%n", metric, s[0], s[1],
                s[2], goal, detail);
    }
}
