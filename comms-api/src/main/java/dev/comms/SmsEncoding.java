package dev.comms;

/** The character encoding an SMS body is sent in, which decides how much fits in a segment. */
public enum SmsEncoding {
    /** The GSM 03.38 7-bit alphabet: 160 septets in one segment, 153 per part when concatenated. */
    GSM_7(160, 153),
    /** UCS-2 (UTF-16 code units): 70 in one segment, 67 per part when concatenated. */
    UCS_2(70, 67);

    private final int singleSegmentCapacity;
    private final int multiSegmentCapacity;

    SmsEncoding(int single, int multi) {
        this.singleSegmentCapacity = single;
        this.multiSegmentCapacity = multi;
    }

    /** @return how many units fit when the whole body is one segment (160 or 70) */
    public int singleSegmentCapacity() {
        return singleSegmentCapacity;
    }

    /** @return how many units fit in each part of a concatenated message (153 or 67) */
    public int multiSegmentCapacity() {
        return multiSegmentCapacity;
    }
}
