package dev.comms.benchmarks;

import java.util.Collection;
import java.util.Map;
import java.util.TreeMap;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * Runs the benchmarks side by side in one JVM run and prints each as a ratio to one HTTP call over
 * loopback (the cheapest network call a provider can make), so the numbers mean the same on a slow
 * and a fast machine: the facade's overhead should be a small fraction of it.
 *
 * <p>{@code java -jar comms-benchmarks/target/benchmarks.jar} (add JMH options after, e.g. {@code -f 1 -wi 2 -i 3}).
 */
public final class Ratios {
    private Ratios() {
    }

    /**
     * @param args JMH options, passed through
     * @throws RunnerException if JMH fails
     */
    public static void main(String[] args) throws RunnerException {
        Options opts = new OptionsBuilder().include(SendBenchmark.class.getSimpleName()).build();
        if (args.length > 0) {
            try {
                opts = new OptionsBuilder().parent(new org.openjdk.jmh.runner.options.CommandLineOptions(args))
                        .include(SendBenchmark.class.getSimpleName()).build();
            } catch (org.openjdk.jmh.runner.options.CommandLineOptionException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
        }
        Collection<RunResult> results = new Runner(opts).run();
        Map<String, double[]> scores = new TreeMap<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            name = name.substring(name.lastIndexOf('.') + 1);
            scores.put(name, new double[] {r.getPrimaryResult().getScore(), r.getPrimaryResult().getScoreError()});
        }
        double floor = scores.containsKey("loopbackHttpCall") ? scores.get("loopbackHttpCall")[0] : Double.NaN;
        System.out.println();
        System.out.printf("%-18s %14s %12s %14s%n", "benchmark", "us/op", "+-", "/ loopback");
        for (Map.Entry<String, double[]> e : scores.entrySet()) {
            System.out.printf("%-18s %14.3f %12.3f %14.4f%n", e.getKey(), e.getValue()[0], e.getValue()[1], e.getValue()[0] / floor);
        }
    }
}
