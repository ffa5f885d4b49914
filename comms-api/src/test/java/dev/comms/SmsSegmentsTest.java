package dev.comms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The segment rules of DOMAIN.md, pinned case by case. */
class SmsSegmentsTest {
    static final String FAMILY = "\uD83D\uDC68\u200D\uD83D\uDC69\u200D\uD83D\uDC67\u200D\uD83D\uDC66"; // 👨‍👩‍👧‍👦, 11 units
    static final String FLAG_GB = "\uD83C\uDDEC\uD83C\uDDE7"; // 🇬🇧, 4 units
    static final String GRIN = "\uD83D\uDE00"; // 😀, 2 units

    @ParameterizedTest
    @CsvSource({"160,1", "161,2", "306,2", "307,3", "459,3", "460,4"})
    void gsmBoundaries(int length, int segments) {
        SmsSegments s = SmsSegments.of("a".repeat(length));
        assertThat(s.encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(s.segmentCount()).isEqualTo(segments);
        assertThat(s.totalUnits()).isEqualTo(length);
    }

    @ParameterizedTest
    @CsvSource({"70,1", "71,2", "134,2", "135,3"})
    void ucs2Boundaries(int length, int segments) {
        SmsSegments s = SmsSegments.of("ж".repeat(length));
        assertThat(s.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(s.segmentCount()).isEqualTo(segments);
        assertThat(s.ucs2Characters()).containsExactly("ж");
    }

    @Test
    void sizesAtTheBoundaries() {
        assertThat(SmsSegments.of("a".repeat(161)).segmentSizes()).containsExactly(153, 8);
        assertThat(SmsSegments.of("ж".repeat(135)).segmentSizes()).containsExactly(67, 67, 1);
    }

    @Test
    void extensionCharacterNeverStraddlesABoundary() {
        SmsSegments s = SmsSegments.of("a".repeat(152) + "€" + "a".repeat(152));
        assertThat(s.encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(s.segmentSizes()).containsExactly(152, 153, 1);
    }

    @Test
    void extensionCharactersCostTwoSeptets() {
        assertThat(SmsSegments.of("€".repeat(80)).segmentSizes()).containsExactly(160);
        assertThat(SmsSegments.of("€".repeat(81)).segmentSizes()).containsExactly(152, 10);
        assertThat(SmsSegments.of("^{}\\[~]|\f").totalUnits()).isEqualTo(18);
    }

    @Test
    void familyEmojiStaysWhole() {
        SmsSegments s = SmsSegments.of("a".repeat(60) + FAMILY);
        assertThat(s.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(s.segmentSizes()).containsExactly(60, 11);
        assertThat(s.ucs2Characters()).containsExactly(FAMILY);
    }

    @Test
    void flagsAndEmojiCostTheirUtf16Length() {
        assertThat(SmsSegments.of(FLAG_GB).segmentSizes()).containsExactly(4);
        assertThat(SmsSegments.of(GRIN).segmentSizes()).containsExactly(2);
        // 66 units then a flag: the flag moves whole to segment 2
        assertThat(SmsSegments.of("a".repeat(65) + GRIN + FLAG_GB).segmentSizes()).containsExactly(67, 4);
        assertThat(SmsSegments.of("a".repeat(66) + FLAG_GB + "b").segmentSizes()).containsExactly(66, 5);
    }

    @Test
    void gsmAlphabetEdges() {
        assertThat(SmsSegments.of("Ç").encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(SmsSegments.of("ç").encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(SmsSegments.of("ΔΦΓΛΩΠΨΣΘΞ").encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(SmsSegments.of("α").encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(SmsSegments.of("line\nline\r\n").encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(SmsSegments.of("tab\there").ucs2Characters()).containsExactly("\t");
        assertThat(SmsSegments.of("`").encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(SmsSegments.of("a\u00A0b").encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(SmsSegments.of("e\u0301").ucs2Characters()).containsExactly("e\u0301");
    }

    @Test
    void crlfCountsAsTwoCharactersInUcs2Too() {
        SmsSegments s = SmsSegments.of("ж\r\n");
        assertThat(s.totalUnits()).isEqualTo(3);
        assertThat(s.ucs2Characters()).containsExactly("ж");
    }

    @Test
    void ucs2CharactersAreDistinctAndInOrder() {
        assertThat(SmsSegments.of("Hi “there” — ok ” “").ucs2Characters()).containsExactly("“", "”", "—");
    }

    @Test
    void oversizeClusterIsSplitAtCodePoints() {
        String huge = "e" + "\u0301".repeat(80); // one cluster of 81 units
        SmsSegments s = SmsSegments.of(huge);
        assertThat(s.segmentSizes()).containsExactly(67, 14);
    }

    @Test
    void smartEncodingReplacesLookAlikes() {
        String text = "It’s “done” — see you… ";
        SmsSegments plain = SmsSegments.of(text);
        SmsSegments smart = SmsSegments.of(text, true);
        assertThat(plain.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(smart.encoding()).isEqualTo(SmsEncoding.GSM_7);
        assertThat(smart.body()).isEqualTo("It's \"done\" - see you... ");
        assertThat(smart.smartEncoded()).isTrue();
        assertThat(SmsSegments.of("plain", true).smartEncoded()).isFalse();
    }

    @Test
    void smartEncodingKeepsRealUnicode() {
        SmsSegments s = SmsSegments.of("Привет " + GRIN, true);
        assertThat(s.encoding()).isEqualTo(SmsEncoding.UCS_2);
        assertThat(s.ucs2Characters()).contains(GRIN);
    }

    @Test
    void smartEncodingCanSaveSegments() {
        String text = "Don’t forget: tomorrow’s meeting — 10am. ".repeat(4).trim();
        assertThat(SmsSegments.of(text).segmentCount()).isEqualTo(3);
        assertThat(SmsSegments.of(text, true).segmentCount()).isEqualTo(2);
    }

    @Test
    void emptyBodyIsRefused() {
        assertThatThrownBy(() -> SmsSegments.of("")).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.code()).isEqualTo(ErrorCode.EMPTY_MESSAGE));
        assertThatThrownBy(() -> SmsSegments.of("\u200B", true)).isInstanceOfSatisfying(InvalidMessageException.class,
                e -> assertThat(e.getMessage()).contains("smart encoding"));
    }

    @Test
    void toStringHidesTheBody() {
        assertThat(SmsSegments.of("secret code 991").toString()).doesNotContain("991");
    }

    @Test
    void sizesAlwaysSumToTheTotalAndRespectCapacity() {
        for (String s : List.of("a".repeat(1000), "€".repeat(300), (GRIN + "a").repeat(200), FAMILY.repeat(40))) {
            SmsSegments seg = SmsSegments.of(s);
            int cap = seg.segmentCount() == 1 ? seg.encoding().singleSegmentCapacity() : seg.encoding().multiSegmentCapacity();
            assertThat(seg.segmentSizes()).allSatisfy(n -> assertThat(n).isBetween(1, cap));
        }
    }
}
