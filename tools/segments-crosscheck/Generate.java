import dev.comms.SmsSegments;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;

/**
 * Generates varied SMS bodies with a fixed seed and writes, per line, the body and Comms's answer
 * (encoding, per-segment sizes) as JSON, for compare.js to check against the reference calculator.
 * Run by run.sh; not part of the build.
 */
public class Generate {
    static final List<String> ASCII = List.of("a", "b", "Z", "0", " ", ".", "!", "?", "@", "$", "\n", "\r\n");
    static final List<String> EXT = List.of("€", "^", "{", "}", "\\", "[", "]", "~", "|", "\f");
    static final List<String> ACCENT = List.of("é", "è", "à", "Ç", "ç", "ñ", "ü", "ø", "Å", "ß", "Δ", "Ω", "á", "ê", "ő", "ž");
    static final List<String> UNI = List.of("ж", "中", "α", "“", "”", "—", "…", "\t", "`", "\u00A0", "e\u0301", "ş");
    static final List<String> EMOJI = List.of("😀", "👍", "👍🏽", "🇬🇧", "🇫🇷", "👨‍👩‍👧‍👦", "👩‍💻", "❤️", "🏳️‍🌈", "1️⃣");

    public static void main(String[] args) throws Exception {
        int n = Integer.parseInt(args[0]);
        Path out = Path.of(args[1]);
        Random r = new Random(20261123L);
        try (PrintWriter w = new PrintWriter(Files.newBufferedWriter(out, StandardCharsets.UTF_8))) {
            for (int i = 0; i < n; i++) {
                String body = body(r, i);
                SmsSegments s = SmsSegments.of(body);
                w.println("{\"body\":\"" + esc(body) + "\",\"encoding\":\"" + (s.encoding().name().equals("GSM_7") ? "GSM-7" : "UCS-2")
                        + "\",\"sizes\":" + s.segmentSizes() + "}");
            }
        }
    }

    static String body(Random r, int i) {
        int kind = i % 8;
        StringBuilder sb = new StringBuilder();
        switch (kind) {
            case 0 -> sb.append("a".repeat(140 + r.nextInt(180))); // plain ASCII around 160/306
            case 1 -> { // extension characters at and around the 153/160 boundaries
                int len = 145 + r.nextInt(20);
                sb.append("a".repeat(len)).append(pick(r, EXT)).append("b".repeat(r.nextInt(170)));
            }
            case 2 -> { // UCS-2 around 70/134
                sb.append(pick(r, UNI)).append("x".repeat(60 + r.nextInt(90)));
            }
            case 3 -> { // emoji at the 67 boundary
                sb.append("y".repeat(60 + r.nextInt(10))).append(pick(r, EMOJI)).append("z".repeat(r.nextInt(80)));
            }
            default -> { // random mix
                int len = 1 + r.nextInt(400);
                List<List<String>> pools = kind == 4 ? List.of(ASCII, EXT) : kind == 5 ? List.of(ASCII, ACCENT)
                        : List.of(ASCII, ACCENT, UNI, EMOJI, EXT);
                while (sb.length() < len) {
                    List<String> pool = pools.get(r.nextInt(pools.size()));
                    sb.append(pool == ASCII && r.nextInt(3) > 0 ? "a" : pick(r, pool));
                }
            }
        }
        return sb.toString();
    }

    static String pick(Random r, List<String> l) {
        return l.get(r.nextInt(l.size()));
    }

    static String esc(String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            if (c == '"' || c == '\\') {
                sb.append('\\').append(c);
            } else if (c < 0x20 || c > 0x7E) {
                sb.append(String.format("\\u%04x", (int) c));
            } else {
                sb.append(c);
            }
        }
        return sb.toString();
    }
}
