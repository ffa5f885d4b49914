package dev.comms;

import dev.comms.internal.SegmentCounter;
import java.util.List;
import java.util.Objects;

/**
 * How an SMS body is encoded and split into segments, each of which the carrier bills as one SMS.
 *
 * <p>Sizes are in septets for {@link SmsEncoding#GSM_7} (an extension character such as {@code €}
 * costs two) and in UTF-16 code units for {@link SmsEncoding#UCS_2}. A grapheme cluster (a flag, a
 * family emoji) never straddles two segments, so a segment may hold fewer units than its capacity.
 * {@link #ucs2Characters()} lists the characters that forced UCS-2, so a caller can see why a text
 * costs three segments instead of one.
 *
 * <pre>{@code
 * SmsSegments s = SmsSegments.of("Your code is 123456");
 * s.encoding();      // GSM_7
 * s.segmentCount();  // 1
 * }</pre>
 *
 * @param encoding the encoding the body will be sent in; never null
 * @param segmentSizes the units used in each segment, in order; never empty
 * @param ucs2Characters the distinct grapheme clusters, in order of appearance, that are not GSM-7;
 *     empty for GSM-7
 * @param body the text that will be sent: the input, or its smart-encoded form
 * @param smartEncoded true if look-alike replacement was applied before choosing the encoding
 */
public record SmsSegments(SmsEncoding encoding, List<Integer> segmentSizes, List<String> ucs2Characters,
        String body, boolean smartEncoded) {

    /**
     * Validates and copies the components.
     *
     * @param encoding the encoding the body will be sent in; never null
     * @param segmentSizes the units used in each segment, in order; never empty
     * @param ucs2Characters the distinct grapheme clusters, in order of appearance, that are not GSM-7;
     *     empty for GSM-7
     * @param body the text that will be sent: the input, or its smart-encoded form
     * @param smartEncoded true if look-alike replacement was applied before choosing the encoding
     */
    public SmsSegments {
        Objects.requireNonNull(encoding, "encoding");
        segmentSizes = List.copyOf(segmentSizes);
        ucs2Characters = List.copyOf(ucs2Characters);
        Objects.requireNonNull(body, "body");
        if (segmentSizes.isEmpty()) {
            throw new IllegalArgumentException("a message has at least one segment");
        }
    }

    /**
     * Counts the segments of a body as it is, without smart encoding.
     *
     * @param body the SMS text
     * @return the encoding and segments
     * @throws InvalidMessageException with {@link ErrorCode#EMPTY_MESSAGE} if the body is empty
     */
    public static SmsSegments of(String body) {
        return of(body, false);
    }

    /**
     * Counts the segments of a body, optionally replacing typographic characters (curly quotes,
     * dashes, ellipses, odd spaces) with GSM look-alikes first.
     *
     * @param body the SMS text
     * @param smartEncoding true to replace look-alikes before choosing the encoding
     * @return the encoding and segments
     * @throws InvalidMessageException with {@link ErrorCode#EMPTY_MESSAGE} if the body is empty
     */
    public static SmsSegments of(String body, boolean smartEncoding) {
        return SegmentCounter.count(body, smartEncoding);
    }

    /** @return the number of segments the carrier bills; at least 1 */
    public int segmentCount() {
        return segmentSizes.size();
    }

    /** @return encoding and sizes, without the body (which may be personal data) */
    @Override
    public String toString() {
        return "SmsSegments[" + encoding + ", segments=" + segmentSizes + ", ucs2Characters=" + ucs2Characters.size()
                + ", smartEncoded=" + smartEncoded + ']';
    }

    /** @return the total units over all segments (septets or UTF-16 units) */
    public int totalUnits() {
        int t = 0;
        for (int s : segmentSizes) {
            t += s;
        }
        return t;
    }
}
