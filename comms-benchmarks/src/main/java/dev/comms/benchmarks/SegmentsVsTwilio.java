package dev.comms.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.comms.SmsSegments;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;

/**
 * SMS segment counts of {@link SmsSegments} against Twilio's own calculator (npm
 * {@code sms-segments-calculator}, the reference DOMAIN.md names), on one deterministic corpus of
 * boundary cases: GSM-7 around 160/153, extension characters at a boundary, UCS-2 around 70/67,
 * surrogate pairs, flags, family emoji and combining accents straddling a boundary, CRLF. Prints the
 * share of messages on which both agree (count and encoding) and the speed of each, per message.
 *
 * <p>The calculator is installed at run time with npm into {@code ${java.io.tmpdir}/comms-segments-calculator}
 * (or {@code -Dcomms.bench.node-dir=...}), never committed; without node or npm the row says it was skipped.
 *
 * <p>{@code java -cp comms-benchmarks/target/benchmarks.jar dev.comms.benchmarks.SegmentsVsTwilio [--quick]}
 */
public final class SegmentsVsTwilio {
    static final String CALCULATOR = "sms-segments-calculator@1.3.0";

    private SegmentsVsTwilio() {
    }

    /**
     * @param args {@code --quick} for a smaller corpus
     * @throws Exception if the harness itself fails
     */
    public static void main(String[] args) throws Exception {
        boolean quick = Arrays.asList(args).contains("--quick");
        List<String> corpus = corpus(new Random(20261201), quick ? 1500 : 6000);
        Path dir = Path.of(System.getProperty("comms.bench.node-dir", System.getProperty("java.io.tmpdir") + "/comms-segments-calculator"));
        String skip = install(dir);
        if (skip != null) {
            System.out.println("BENCH row=segments metric=agreement min=0 median=0 max=0 unit=ratio goal=1.0 detail=skipped: " + skip);
            return;
        }
        Path corpusFile = dir.resolve("corpus.json");
        ObjectMapper json = new ObjectMapper();
        json.writeValue(corpusFile.toFile(), corpus);
        Path script = dir.resolve("segments-reference.js");
        try (InputStream in = SegmentsVsTwilio.class.getResourceAsStream("segments-reference.js")) {
            Files.write(script, in.readAllBytes());
        }
        int rounds = 3;
        List<String> lines = run(dir, List.of("node", script.toString(), corpusFile.toString(), Integer.toString(rounds)));
        Map<Integer, JsonNode> theirs = new LinkedHashMap<>();
        double[] nodeNanos = null;
        for (String line : lines) {
            JsonNode n = json.readTree(line);
            if (n.has("nanosPerMessage")) {
                nodeNanos = new double[rounds];
                for (int r = 0; r < rounds; r++) {
                    nodeNanos[r] = n.get("nanosPerMessage").get(r).asDouble();
                }
            } else {
                theirs.put(n.get("i").asInt(), n);
            }
        }
        if (theirs.size() != corpus.size() || nodeNanos == null) {
            throw new IllegalStateException("the calculator answered " + theirs.size() + " of " + corpus.size() + " messages");
        }
        int agree = 0;
        Map<String, Integer> differences = new LinkedHashMap<>();
        List<String> examples = new ArrayList<>();
        for (int i = 0; i < corpus.size(); i++) {
            SmsSegments ours = SmsSegments.of(corpus.get(i));
            JsonNode t = theirs.get(i);
            String ourEncoding = ours.encoding().name().replace('_', '-');
            boolean same = ours.segmentCount() == t.get("segments").asInt() && ourEncoding.equals(t.get("encoding").asText());
            if (same) {
                agree++;
            } else {
                String kind = ourEncoding + "/" + t.get("encoding").asText() + " " + ours.segmentCount() + " vs " + t.get("segments").asInt();
                differences.merge(kind, 1, Integer::sum);
                if (examples.size() < 5) {
                    examples.add("#" + i + " (" + corpus.get(i).length() + " chars): ours " + ours + ", Twilio " + t);
                }
            }
        }
        double[] javaNanos = new double[rounds];
        long sink = 0;
        for (int w = 0; w < 3; w++) {
            for (String s : corpus) {
                sink += SmsSegments.of(s).segmentCount();
            }
        }
        for (int r = 0; r < rounds; r++) {
            long t0 = System.nanoTime();
            for (String s : corpus) {
                sink += SmsSegments.of(s).segmentCount();
            }
            javaNanos[r] = (double) (System.nanoTime() - t0) / corpus.size();
        }
        double share = (double) agree / corpus.size();
        System.out.println("segments corpus=" + corpus.size() + " agree=" + agree + " differ=" + (corpus.size() - agree) + " kinds=" + differences);
        examples.forEach(e -> System.out.println("  differs " + e));
        System.out.printf("segments java_us_per_message=%s twilio_node_us_per_message=%s sink=%d%n", us(javaNanos), us(nodeNanos), sink);
        System.out.printf("BENCH row=segments metric=agreement min=%.4f median=%.4f max=%.4f unit=ratio goal=1.0 detail=%d boundary-heavy messages, "
                + "count and encoding equal to Twilio's calculator (%s) on %d%n", share, share, share, corpus.size(), CALCULATOR, agree);
        double[] ratio = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            ratio[r] = nodeNanos[r] / javaNanos[r];
        }
        Arrays.sort(ratio);
        Arrays.sort(javaNanos);
        System.out.printf("BENCH row=segments-speed metric=calculator_time_over_ours min=%.2f median=%.2f max=%.2f unit=x goal=info "
                + "detail=Twilio's calculator on node per message over SmsSegments.of per message (median %.2f us ours)%n",
                ratio[0], ratio[1], ratio[2], javaNanos[1] / 1000);
    }

    private static String us(double[] nanos) {
        StringBuilder b = new StringBuilder();
        for (double n : nanos) {
            b.append(b.length() == 0 ? "" : ",").append(String.format("%.2f", n / 1000));
        }
        return b.toString();
    }

    /** @return null when the calculator is ready, else why the row is skipped */
    private static String install(Path dir) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        if (Files.isDirectory(dir.resolve("node_modules/sms-segments-calculator"))) {
            return null;
        }
        try {
            run(dir, List.of("node", "--version"));
            run(dir, List.of("npm", "install", "--silent", "--no-audit", "--no-fund", "--prefix", dir.toString(), CALCULATOR));
        } catch (IOException | IllegalStateException e) {
            return "node/npm not available or the install failed (" + e.getMessage().replace('\n', ' ') + ")";
        }
        return null;
    }

    private static List<String> run(Path dir, List<String> command) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().put("NODE_PATH", dir.resolve("node_modules").toString());
        Process p = pb.start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String l; (l = r.readLine()) != null; ) {
                lines.add(l);
            }
        }
        if (!p.waitFor(5, TimeUnit.MINUTES) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", command) + " failed: " + String.join(" ", lines));
        }
        return lines;
    }

    // ---- the corpus ------------------------------------------------------------------------------------------

    private static final String GSM = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§"
            + "¿abcdefghijklmnopqrstuvwxyzäöñüà";
    private static final String EXTENSION = "^{}\\[~]|€\f";
    private static final String[] UCS2 = {"ж", "щ", "λ", "ç", "中", "文", "ś", "ı", "\t", "`", "\u00a0", "ğ"};
    private static final String[] WIDE = {"😀", "🎉", "👍🏽", "🇬🇧", "🇩🇰", "👨‍👩‍👧‍👦", "e\u0301", "🏳️‍🌈", "𝄞", "❤️"};
    private static final int[] LENGTHS = {1, 2, 66, 67, 68, 69, 70, 71, 72, 133, 134, 135, 136, 152, 153, 154, 159, 160, 161, 200, 201, 202,
        305, 306, 307, 308, 458, 459, 460, 461, 611, 612, 613, 765, 766, 1000, 1530, 1531, 1600};

    static List<String> corpus(Random rnd, int n) {
        List<String> out = new ArrayList<>(n);
        out.add("a".repeat(152) + "€" + "a".repeat(152));
        out.add("€".repeat(81));
        out.add("a".repeat(60) + "👨‍👩‍👧‍👦");
        out.add("Hello\r\nWorld");
        while (out.size() < n) {
            int len = LENGTHS[rnd.nextInt(LENGTHS.length)] + (rnd.nextInt(4) == 0 ? rnd.nextInt(5) - 2 : 0);
            len = Math.max(1, len);
            StringBuilder b = new StringBuilder();
            int kind = rnd.nextInt(6);
            while (b.length() < len) {
                int roll = rnd.nextInt(100);
                if (kind >= 1 && roll < 6) {
                    b.append(EXTENSION.charAt(rnd.nextInt(EXTENSION.length())));
                } else if (kind >= 3 && roll < 12) {
                    b.append(UCS2[rnd.nextInt(UCS2.length)]);
                } else if (kind >= 4 && roll < 18) {
                    b.append(WIDE[rnd.nextInt(WIDE.length)]);
                } else if (kind == 5 && roll < 22) {
                    b.append("\r\n");
                } else {
                    b.append(GSM.charAt(rnd.nextInt(GSM.length())));
                }
            }
            out.add(b.toString());
        }
        return out;
    }
}
