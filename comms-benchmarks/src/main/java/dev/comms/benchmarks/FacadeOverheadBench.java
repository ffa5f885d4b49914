package dev.comms.benchmarks;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.comms.Comms;
import dev.comms.Sms;
import dev.comms.spi.SendContext;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;

/**
 * Issue 11, row "facade overhead": the CPU time one thread spends per SMS in the facade over a no-op
 * provider ({@link NoopSms}) minus the CPU time of calling that provider directly, for a repeated
 * recipient (a message built once) and for a first-seen recipient (a fresh valid UK mobile number
 * each op, the message built from strings), against the floor of what libphonenumber alone costs to
 * parse, validate and classify a fresh number.
 *
 * <p>Thread CPU time ({@link ThreadMXBean#getCurrentThreadCpuTime()}), not wall time: on a machine
 * shared with other work, wall time counts the time this thread waited for a core. The four sides run
 * in turn in batches of a few thousand operations, many cycles, so they share the JIT state and the
 * machine's moods; per side the median batch counts. Three repeats.
 *
 * <p>{@code java -cp comms-benchmarks/target/benchmarks.jar dev.comms.benchmarks.FacadeOverheadBench [--quick]}
 */
public final class FacadeOverheadBench {
    private static final String BODY = "Your verification code is 123456. It expires in 10 minutes.";
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private final Comms comms;
    private final NoopSms provider = new NoopSms();
    private final Sms sms = Sms.to("+447123456789").body(BODY).build();
    private final SendContext context = SendContext.of("msg_bench");
    private long next = System.nanoTime() % 1_000_000;
    private long sink;

    private FacadeOverheadBench() {
        comms = Comms.builder().ambientConfiguration(false).autoDiscovery(false).provider(provider).build();
    }

    /** @return a valid UK mobile number not seen before in this run (+44771 and seven digits: 10 million of them) */
    private String freshNumber() {
        long n = next++ % 10_000_000L;
        char[] digits = "+447710000000".toCharArray();
        for (int i = digits.length - 1; i >= 6; i--) {
            digits[i] = (char) ('0' + n % 10);
            n /= 10;
        }
        return new String(digits);
    }

    private void side(int which) throws NumberParseException {
        switch (which) {
            case 0 -> sink += provider.send(sms, context).providerMessageId().length();
            case 1 -> sink += comms.sms().send(sms).attempts();
            case 2 -> sink += comms.sms().send(Sms.to(freshNumber()).body(BODY).build()).attempts();
            default -> {
                PhoneNumber p = UTIL.parse(freshNumber(), null);
                if (!UTIL.isValidNumber(p)) {
                    throw new IllegalStateException("invalid number");
                }
                sink += (UTIL.format(p, PhoneNumberUtil.PhoneNumberFormat.E164) + UTIL.getRegionCodeForNumber(p) + UTIL.getNumberType(p))
                        .length();
            }
        }
    }

    /** @return CPU nanoseconds per op of each side: the median of {@code cycles} batches */
    private double[] measure(int cycles, int batch) throws NumberParseException {
        double[][] perOp = new double[4][cycles];
        for (int c = 0; c < cycles; c++) {
            for (int s = 0; s < 4; s++) {
                int which = (s + c) % 4; // rotate who goes first
                long t0 = THREADS.getCurrentThreadCpuTime();
                for (int i = 0; i < batch; i++) {
                    side(which);
                }
                perOp[which][c] = (double) (THREADS.getCurrentThreadCpuTime() - t0) / batch;
            }
        }
        double[] out = new double[4];
        for (int s = 0; s < 4; s++) {
            Arrays.sort(perOp[s]);
            out[s] = perOp[s][cycles / 2];
        }
        return out;
    }

    /**
     * @param args {@code --quick} for fewer cycles
     * @throws Exception if the harness fails
     */
    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        if (!THREADS.isCurrentThreadCpuTimeSupported()) {
            System.out.println("BENCH row=facade-overhead metric=repeated_us min=0 median=0 max=0 unit=us goal=<=1.5 detail=skipped: no thread CPU time");
            return;
        }
        THREADS.setThreadCpuTimeEnabled(true);
        FacadeOverheadBench b = new FacadeOverheadBench();
        int batch = 5_000;
        b.measure(quick ? 30 : 60, batch); // JIT warm-up
        int repeats = 3;
        double[] repeated = new double[repeats];
        double[] firstSeenMinusFloor = new double[repeats];
        StringBuilder rounds = new StringBuilder();
        for (int r = 0; r < repeats; r++) {
            double[] ns = b.measure(quick ? 25 : 80, batch);
            repeated[r] = (ns[1] - ns[0]) / 1000;
            firstSeenMinusFloor[r] = (ns[2] - ns[0] - ns[3]) / 1000;
            String line = String.format("direct=%.3f repeated=%.2f first-seen=%.2f floor=%.2f", ns[0] / 1000, ns[1] / 1000, ns[2] / 1000, ns[3] / 1000);
            System.out.println("facade-overhead round " + r + " CPU us/op: " + line);
            rounds.append(r == 0 ? "" : "; ").append(line);
        }
        b.comms.close();
        print("repeated_us", repeated, "<=1.5", "CPU us per send through the facade (one prebuilt SMS, NoopSms) minus NoopSms called "
                + "directly; per round " + rounds + " (sink " + (b.sink & 1) + ")");
        print("first_seen_minus_floor_us", firstSeenMinusFloor, "<=2", "CPU us per SMS built from strings to a fresh valid number "
                + "and sent, minus direct, minus libphonenumber parse+validate+format+region+type alone (floor); per round as above");
    }

    private static void print(String metric, double[] values, String goal, String detail) {
        double[] v = values.clone();
        Arrays.sort(v);
        System.out.printf("BENCH row=facade-overhead metric=%s min=%.2f median=%.2f max=%.2f unit=us goal=%s detail=%s%n", metric, v[0], v[1],
                v[2], goal, detail);
    }
}
