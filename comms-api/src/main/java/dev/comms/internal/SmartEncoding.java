package dev.comms.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * Comms's own look-alike table for smart encoding: typographic characters a phone keyboard or a word
 * processor inserts (curly quotes, dashes, odd spaces, full-width forms, invisible characters) are
 * replaced by GSM-7 characters that read the same, so one curly apostrophe does not turn a 1-segment
 * text into a 3-segment UCS-2 one.
 *
 * <p>Written for this project (the reference calculator's table is only compared against in tests).
 * Deliberate choices where it differs from the reference: every odd space becomes ONE space (not
 * two), TAB one space (not seven), C1 control characters are removed (not two spaces), single angle
 * quotes keep their direction ({@code ‹} to {@code <}), combining marks are left alone (a spacing
 * look-alike would detach from its letter), and all full-width letters are folded, lower case too.
 * Every replacement is GSM-7 (a test checks it). Replacement is one pass over code points.
 */
final class SmartEncoding {
    private static final Map<Integer, String> TABLE = build();

    private SmartEncoding() {
    }

    private static Map<Integer, String> build() {
        Map<Integer, String> m = new HashMap<>(512);
        // Invisible: C0 controls other than LF, CR and form feed (GSM has those), C1 controls,
        // zero-width space, word joiner, byte-order mark, soft hyphen.
        for (int c = 0x00; c <= 0x1F; c++) {
            if (c != '\n' && c != '\r' && c != '\f' && c != '\t') {
                m.put(c, "");
            }
        }
        for (int c = 0x80; c <= 0x9F; c++) {
            m.put(c, "");
        }
        put(m, "", 0x200B, 0x2060, 0xFEFF, 0x00AD);
        // Spaces of every width, line and paragraph separators, TAB.
        put(m, " ", 0x0009, 0x00A0, 0x2028, 0x2029, 0x202F, 0x205F, 0x3000);
        for (int c = 0x2000; c <= 0x200A; c++) {
            m.put(c, " ");
        }
        // Quotes, primes and modifier apostrophes.
        put(m, "'", 0x0060, 0x00B4, 0x2018, 0x2019, 0x201B, 0x2032, 0x2035, 0x02B9, 0x02BB, 0x02BC, 0x02BD, 0x02C8,
                0x02CA, 0x02CB, 0x275B, 0x275C, 0xFE10, 0xFE11);
        put(m, ",", 0x201A, 0x3001, 0xFE50, 0xFE51, 0xFF64);
        put(m, "\"", 0x201C, 0x201D, 0x201E, 0x201F, 0x2033, 0x2036, 0x00AB, 0x00BB, 0x02BA, 0x02EE, 0x275D, 0x275E,
                0x301D, 0x301E);
        put(m, "<", 0x2039, 0x2329, 0x27E8, 0x3008);
        put(m, ">", 0x203A, 0x232A, 0x27E9, 0x3009);
        // Dashes, hyphens, minus signs, bullets.
        put(m, "-", 0x2010, 0x2011, 0x2012, 0x2013, 0x2014, 0x2015, 0x2043, 0x2212, 0x2022, 0x2027, 0x23BC, 0x23BD,
                0xFE58, 0xFE63);
        put(m, "_", 0x2017);
        put(m, "...", 0x2026);
        put(m, "..", 0x2025);
        put(m, "!!", 0x203C);
        put(m, "??", 0x2047);
        put(m, "?!", 0x2048);
        put(m, "!?", 0x2049);
        put(m, "/", 0x00F7, 0x2044, 0x2215, 0x29F8);
        put(m, "\\", 0x2216, 0x29F5, 0x29F9);
        put(m, "*", 0x204E, 0x2217, 0x229B, 0x2722, 0x2723, 0x2724, 0x2725, 0x2731, 0x2732, 0x2733, 0x273A, 0x273B,
                0x273C, 0x273D, 0x2743, 0x2749, 0x274A, 0x274B, 0x29C6);
        put(m, "|", 0x2223, 0x239C, 0x239F, 0x23B8, 0x23B9, 0x23D0, 0x2502);
        put(m, "~", 0x02DC, 0x02F7, 0x223C, 0x2053);
        put(m, "^", 0x02C6);
        put(m, ":", 0x02D0, 0x02F8, 0x2236, 0x2982, 0xA789, 0xFE13);
        put(m, ";", 0x204F, 0xFE14);
        put(m, "!", 0x01C3, 0xFE15);
        put(m, "?", 0xFE16);
        put(m, "+", 0x02D6);
        put(m, "=", 0xA78A);
        put(m, ".", 0x3002, 0xFE52, 0xFF61);
        put(m, "(", 0x2768, 0x276A, 0x27EE, 0x2985);
        put(m, ")", 0x2769, 0x276B, 0x27EF, 0x2986);
        put(m, "{", 0x2774);
        put(m, "}", 0x2775);
        put(m, "1/4", 0x00BC);
        put(m, "1/2", 0x00BD);
        put(m, "3/4", 0x00BE);
        put(m, "(c)", 0x00A9);
        put(m, "(r)", 0x00AE);
        put(m, "TM", 0x2122);
        // Small capitals used as "fancy text".
        String small = "A1D00 B0299 C1D04 D1D05 E1D07 FA730 G0262 H029C I026A J1D0A K1D0B L029F M1D0D N0274 O1D0F P1D18 R0280 "
                + "SA731 T1D1B U1D1C V1D20 W1D21 Y028F Z1D22";
        for (String pair : small.split(" ")) {
            m.put(Integer.parseInt(pair.substring(1), 16), pair.substring(0, 1));
        }
        // Small form variants.
        String smallForms = "(FE59 )FE5A {FE5B }FE5C #FE5F &FE60 *FE61 +FE62 <FE64 >FE65 =FE66 \\FE68 $FE69 %FE6A @FE6B ;FE54 ?FE56 !FE57";
        for (String pair : smallForms.split(" ")) {
            m.put(Integer.parseInt(pair.substring(1), 16), pair.substring(0, 1));
        }
        // Full-width ASCII: U+FF01..U+FF5E fold onto U+0021..U+007E, except the few that are not GSM-7.
        for (int c = 0xFF01; c <= 0xFF5E; c++) {
            String ascii = String.valueOf((char) (c - 0xFEE0));
            if (c == 0xFF40) {
                ascii = "'";
            }
            m.put(c, ascii);
        }
        return Map.copyOf(m);
    }

    private static void put(Map<Integer, String> m, String replacement, int... codePoints) {
        for (int cp : codePoints) {
            m.put(cp, replacement);
        }
    }

    /** @return the table, for tests */
    static Map<Integer, String> table() {
        return TABLE;
    }

    /**
     * Replaces look-alikes.
     *
     * @param text the body
     * @return the body with every mapped code point replaced; {@code text} itself if nothing changed
     */
    static String apply(String text) {
        int i = 0;
        int n = text.length();
        while (i < n) {
            char c = text.charAt(i);
            if (needsLookup(c) && TABLE.containsKey(text.codePointAt(i))) {
                break;
            }
            i++;
        }
        if (i == n) {
            return text;
        }
        StringBuilder sb = new StringBuilder(n + 8);
        sb.append(text, 0, i);
        while (i < n) {
            int cp = text.codePointAt(i);
            String r = needsLookup(text.charAt(i)) ? TABLE.get(cp) : null;
            if (r != null) {
                sb.append(r);
            } else {
                sb.appendCodePoint(cp);
            }
            i += Character.charCount(cp);
        }
        return sb.toString();
    }

    private static boolean needsLookup(char c) {
        return c < 0x20 || c == 0x60 || c >= 0x7F;
    }
}
