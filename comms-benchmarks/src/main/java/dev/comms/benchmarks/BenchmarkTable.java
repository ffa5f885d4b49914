package dev.comms.benchmarks;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Rewrites the table of BENCHMARKS.md between its {@code <!-- bench:begin -->} and
 * {@code <!-- bench:end -->} markers from the {@code BENCH ...} lines the harnesses print (read from
 * standard input), with the machine it ran on; everything else in the file is kept.
 *
 * <p>{@code java -cp benchmarks.jar dev.comms.benchmarks.BenchmarkTable BENCHMARKS.md < results.txt}
 */
public final class BenchmarkTable {
    static final String BEGIN = "<!-- bench:begin -->";
    static final String END = "<!-- bench:end -->";
    private static final Pattern LINE = Pattern.compile("^BENCH row=(\\S+) metric=(\\S+) min=(\\S+) median=(\\S+) max=(\\S+) unit=(\\S+) "
            + "goal=(\\S+) detail=(.*)$");

    private BenchmarkTable() {
    }

    /** One parsed result line. */
    record Result(String row, String metric, String min, String median, String max, String unit, String goal, String detail) {
    }

    static List<Result> parse(List<String> lines) {
        Map<String, Result> byKey = new LinkedHashMap<>();
        for (String l : lines) {
            Matcher m = LINE.matcher(l.strip());
            if (m.matches()) {
                Result r = new Result(m.group(1), m.group(2), m.group(3), m.group(4), m.group(5), m.group(6), m.group(7), m.group(8).strip());
                byKey.put(r.row() + "/" + r.metric(), r); // a later run of the same row and metric replaces an earlier one
            }
        }
        return new ArrayList<>(byKey.values());
    }

    static String table(List<Result> results, String machine) {
        StringBuilder b = new StringBuilder();
        b.append(BEGIN).append('\n');
        b.append("Measured ").append(LocalDate.now(ZoneOffset.UTC)).append(" on ").append(machine).append(".\n\n");
        b.append("| row | metric | goal | min / median / max | unit | detail |\n|---|---|---|---|---|---|\n");
        for (Result r : results) {
            b.append("| ").append(r.row()).append(" | ").append(r.metric()).append(" | ").append(r.goal().replace("|", "\\|")).append(" | ")
                    .append(r.min()).append(" / ").append(r.median()).append(" / ").append(r.max()).append(" | ").append(r.unit()).append(" | ")
                    .append(r.detail().replace("|", "\\|")).append(" |\n");
        }
        return b.append(END).toString();
    }

    static String rewrite(String document, String table) {
        int begin = document.indexOf(BEGIN);
        int end = document.indexOf(END);
        if (begin < 0 || end < begin) {
            throw new IllegalArgumentException("the document has no " + BEGIN + " ... " + END + " section to rewrite");
        }
        return document.substring(0, begin) + table + document.substring(end + END.length());
    }

    static String machine() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB max heap, Java "
                + System.getProperty("java.version") + " (" + System.getProperty("java.vm.name") + "), " + System.getProperty("os.name") + " "
                + System.getProperty("os.arch");
    }

    /**
     * @param args the markdown file to rewrite
     * @throws IOException if it cannot be read or written
     */
    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: BenchmarkTable BENCHMARKS.md < results");
        }
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                lines.add(l);
            }
        }
        List<Result> results = parse(lines);
        if (results.isEmpty()) {
            throw new IllegalArgumentException("no BENCH lines on standard input: nothing to write");
        }
        Path file = Path.of(args[0]);
        Files.writeString(file, rewrite(Files.readString(file, StandardCharsets.UTF_8), table(results, machine())), StandardCharsets.UTF_8);
        System.out.println("BenchmarkTable: " + results.size() + " results written to " + file);
    }
}
