package dev.comms.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Our look-alike table against itself (every replacement is GSM-7) and against the reference
 * calculator's table in ../shared/data (skipped when absent): every difference is deliberate.
 */
class SmartEncodingTest {
    /**
     * Reference entries we map differently, on purpose (see {@link SmartEncoding}): spaces to one
     * space, TAB to one space, C1 controls removed, single angle quotes kept in their direction.
     */
    static final Set<Integer> DELIBERATE = Set.of(0x0009, 0x0080, 0x008D, 0x0090, 0x009B, 0x009F, 0x00A0,
            0x2000, 0x2002, 0x2003, 0x2004, 0x2005, 0x2006, 0x2007, 0x2008, 0x2009, 0x200A, 0x202F, 0x205F, 0x3000,
            0x2039, 0x203A);
    /** Reference entries we leave alone: combining marks, which a spacing look-alike would detach. */
    static final Set<Integer> COMBINING = Set.of(0x0302, 0x0303, 0x0313, 0x0314, 0x0326, 0x0330, 0x0332, 0x0334,
            0x0337, 0x0338, 0x0347, 0x1DCD, 0x20D2, 0x20D3, 0x20E5);

    @Test
    void everyReplacementIsGsm7() {
        SmartEncoding.table().forEach((cp, r) -> assertThat(Gsm7.encodes(r))
                .as("replacement of U+%04X is GSM-7", cp).isTrue());
        SmartEncoding.table().keySet().forEach(cp -> assertThat(cp == '\n' || cp == '\r')
                .as("LF and CR are GSM-7 and never replaced").isFalse());
    }

    @Test
    void agreesWithTheReferenceTableExceptOnPurpose() throws Exception {
        Path shared = Path.of(System.getProperty("commsSharedDir", "../../shared"));
        Path file = shared.resolve("data/smart-encoding-map.json");
        assumeTrue(Files.isRegularFile(file), "reference table not found at " + file + ": comparison skipped");
        @SuppressWarnings("unchecked")
        Map<String, String> ref = new ObjectMapper().readValue(file.toFile(), Map.class);
        int same = 0;
        Map<String, String> unexpected = new TreeMap<>();
        for (Map.Entry<String, String> e : ref.entrySet()) {
            int cp = Integer.parseInt(e.getKey().substring(2), 16);
            String ours = SmartEncoding.table().get(cp);
            if (e.getValue().equals(ours)) {
                same++;
            } else if (!DELIBERATE.contains(cp) && !COMBINING.contains(cp)) {
                unexpected.put(e.getKey(), "reference '" + e.getValue() + "' ours '" + ours + "'");
            }
        }
        System.out.printf("smart encoding: reference entries=%d same=%d deliberate=%d combining-left-alone=%d ours=%d%n",
                ref.size(), same, DELIBERATE.size(), COMBINING.size(), SmartEncoding.table().size());
        assertThat(unexpected).as("differences from the reference that are not documented").isEmpty();
    }

    @Test
    void applyIsIdentityWithoutLookAlikes() {
        String s = "Plain GSM text: 100% ok!";
        assertThat(SmartEncoding.apply(s)).isSameAs(s);
        assertThat(SmartEncoding.apply("ｆｕｌｌ　ｗｉｄｔｈ")).isEqualTo("full width");
        assertThat(SmartEncoding.apply("a\u200Bb\uFEFF")).isEqualTo("ab");
        assertThat(SmartEncoding.apply("😀 “x”")).isEqualTo("😀 \"x\"");
    }
}
