package dev.comms.internal;

import dev.comms.Channel;
import dev.comms.ErrorCode;
import dev.comms.InvalidMessageException;
import dev.comms.SmsEncoding;
import dev.comms.SmsSegments;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Counts SMS segments as DOMAIN.md specifies (reference: Twilio's message-segment-calculator).
 *
 * <ol>
 * <li>Optional smart encoding ({@link SmartEncoding}) first; the encoding is chosen afterwards.</li>
 * <li>GSM-7 if every character is in the basic or extension table; an extension character costs two
 * septets. Since no GSM-7 character combines with another, a GSM-7 body's grapheme clusters are its
 * characters (CR LF counts as two), which gives a fast path without cluster segmentation.</li>
 * <li>Otherwise UCS-2: the body is split into grapheme clusters ({@code \X}, which keeps flags and
 * ZWJ family emoji whole on JDK 17, unlike {@code BreakIterator}), each costing its UTF-16 length.</li>
 * <li>One segment up to 160 septets / 70 units; otherwise greedy packing at 153 / 67 where a cluster
 * never straddles two segments. Where the reference lets a cluster longer than a segment overfill
 * it, this counter splits that cluster at code-point boundaries, since no segment can carry more.</li>
 * </ol>
 *
 * <p>An empty body is refused (the reference calls it one segment). Allocation-light: the GSM-7 path
 * makes one small list; no regex is compiled per call.
 */
public final class SegmentCounter {
    private static final Pattern CLUSTER = Pattern.compile("\\X");

    private SegmentCounter() {
    }

    /**
     * @param body the SMS text
     * @param smart whether to apply smart encoding first
     * @return the encoding and segments
     * @throws InvalidMessageException EMPTY_MESSAGE if the body is empty (or empty after smart encoding)
     */
    public static SmsSegments count(String body, boolean smart) {
        if (body == null || body.isEmpty()) {
            throw new InvalidMessageException(ErrorCode.EMPTY_MESSAGE, "body", "SMS body is empty: write at least one character", Channel.SMS);
        }
        String text = smart ? SmartEncoding.apply(body) : body;
        if (text.isEmpty()) {
            throw new InvalidMessageException(ErrorCode.EMPTY_MESSAGE, "body",
                    "SMS body is empty after smart encoding removed its invisible characters: write visible text", Channel.SMS);
        }
        boolean changed = smart && !text.equals(body);
        int septets = gsmSeptets(text);
        if (septets >= 0) {
            return new SmsSegments(SmsEncoding.GSM_7, packGsm(text, septets), List.of(), text, changed);
        }
        return ucs2(text, changed);
    }

    /** @return the septets of a GSM-7 text, or -1 if it is not GSM-7 */
    private static int gsmSeptets(String text) {
        int total = 0;
        for (int i = 0; i < text.length(); i++) {
            int w = Gsm7.width(text.charAt(i));
            if (w == 0) {
                return -1;
            }
            total += w;
        }
        return total;
    }

    private static List<Integer> packGsm(String text, int total) {
        if (total <= SmsEncoding.GSM_7.singleSegmentCapacity()) {
            return List.of(total);
        }
        int cap = SmsEncoding.GSM_7.multiSegmentCapacity();
        List<Integer> sizes = new ArrayList<>(total / cap + 2);
        int cur = 0;
        for (int i = 0; i < text.length(); i++) {
            int w = Gsm7.width(text.charAt(i));
            if (cur + w > cap) {
                sizes.add(cur);
                cur = 0;
            }
            cur += w;
        }
        sizes.add(cur);
        return sizes;
    }

    private static SmsSegments ucs2(String text, boolean changed) {
        Set<String> forcing = new LinkedHashSet<>();
        List<String> clusters = new ArrayList<>(text.length());
        Matcher m = CLUSTER.matcher(text);
        while (m.find()) {
            String c = m.group();
            if (c.equals("\r\n")) {
                clusters.add("\r");
                clusters.add("\n");
                continue;
            }
            clusters.add(c);
            if (c.length() != 1 || Gsm7.width(c.charAt(0)) == 0) {
                forcing.add(c);
            }
        }
        int total = text.length();
        List<Integer> sizes;
        if (total <= SmsEncoding.UCS_2.singleSegmentCapacity()) {
            sizes = List.of(total);
        } else {
            int cap = SmsEncoding.UCS_2.multiSegmentCapacity();
            sizes = new ArrayList<>(total / cap + 2);
            int cur = 0;
            for (String c : clusters) {
                int u = c.length();
                if (u <= cap) {
                    if (cur + u > cap) {
                        sizes.add(cur);
                        cur = 0;
                    }
                    cur += u;
                } else {
                    for (int i = 0; i < u; ) {
                        int l = Character.charCount(c.codePointAt(i));
                        if (cur + l > cap) {
                            sizes.add(cur);
                            cur = 0;
                        }
                        cur += l;
                        i += l;
                    }
                }
            }
            sizes.add(cur);
        }
        return new SmsSegments(SmsEncoding.UCS_2, sizes, List.copyOf(forcing), text, changed);
    }
}
