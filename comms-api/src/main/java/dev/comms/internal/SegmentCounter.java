package dev.comms.internal;

import dev.comms.Channel;
import dev.comms.ErrorCode;
import dev.comms.InvalidMessageException;
import dev.comms.SmsEncoding;
import dev.comms.SmsSegments;
import java.util.ArrayList;
import java.util.List;

/** TEMPORARY placeholder (naive GSM/UCS-2 count) until the real counter lands; replaced by the segment-counter work. */
public final class SegmentCounter {
    private SegmentCounter() {
    }

    /**
     * @param body text
     * @param smart ignored
     * @return segments
     */
    public static SmsSegments count(String body, boolean smart) {
        if (body == null || body.isEmpty()) {
            throw new InvalidMessageException(ErrorCode.EMPTY_MESSAGE, "body", "SMS body is empty: write at least one character", Channel.SMS);
        }
        boolean ascii = body.chars().allMatch(c -> c < 128 && c != '`' && c != '\t');
        SmsEncoding enc = ascii ? SmsEncoding.GSM_7 : SmsEncoding.UCS_2;
        int n = body.length();
        List<Integer> sizes = new ArrayList<>();
        if (n <= enc.singleSegmentCapacity()) {
            sizes.add(n);
        } else {
            for (int i = 0; i < n; i += enc.multiSegmentCapacity()) {
                sizes.add(Math.min(enc.multiSegmentCapacity(), n - i));
            }
        }
        return new SmsSegments(enc, sizes, List.of(), body, false);
    }
}
