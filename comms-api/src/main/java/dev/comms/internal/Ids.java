package dev.comms.internal;

import java.util.concurrent.ThreadLocalRandom;

/** Message ids: {@code msg_} and 26 Crockford base-32 characters, time-ordered like a ULID. */
public final class Ids {
    private static final char[] ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ".toCharArray();

    private Ids() {
    }

    /**
     * @param epochMillis the time part
     * @return a new id
     */
    public static String messageId(long epochMillis) {
        char[] out = new char[30];
        out[0] = 'm';
        out[1] = 's';
        out[2] = 'g';
        out[3] = '_';
        long t = epochMillis;
        for (int i = 13; i >= 4; i--) {
            out[i] = ALPHABET[(int) (t & 31)];
            t >>>= 5;
        }
        ThreadLocalRandom r = ThreadLocalRandom.current();
        long a = r.nextLong();
        long b = r.nextLong();
        for (int i = 14; i < 26; i++) {
            out[i] = ALPHABET[(int) (a & 31)];
            a >>>= 5;
        }
        for (int i = 26; i < 30; i++) {
            out[i] = ALPHABET[(int) (b & 31)];
            b >>>= 5;
        }
        return new String(out);
    }
}
