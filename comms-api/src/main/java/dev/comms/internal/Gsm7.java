package dev.comms.internal;

/**
 * The GSM 03.38 default alphabet: 127 basic characters (plus the escape) and the 10 characters of the
 * extension table that cost two septets. Lookup is one array read.
 */
final class Gsm7 {
    /** Basic-table characters, in table order (the escape, 0x1B, is omitted). */
    static final String BASIC = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
            + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
    /** Extension-table characters: each costs an escape plus itself. */
    static final String EXTENSION = "\f^{}\\[~]|€";

    private static final int LIMIT = 0x400;
    private static final byte[] WIDTH = new byte[LIMIT];

    static {
        for (int i = 0; i < BASIC.length(); i++) {
            WIDTH[BASIC.charAt(i)] = 1;
        }
        for (int i = 0; i < EXTENSION.length(); i++) {
            char c = EXTENSION.charAt(i);
            if (c < LIMIT) {
                WIDTH[c] = 2;
            }
        }
    }

    private Gsm7() {
    }

    /**
     * @param c a UTF-16 unit
     * @return its cost in septets, or 0 if it is not in the GSM-7 alphabet
     */
    static int width(char c) {
        if (c < LIMIT) {
            return WIDTH[c];
        }
        return c == '€' ? 2 : 0;
    }

    /**
     * @param s a string
     * @return whether every character of {@code s} is in the GSM-7 alphabet
     */
    static boolean encodes(String s) {
        for (int i = 0; i < s.length(); i++) {
            if (width(s.charAt(i)) == 0) {
                return false;
            }
        }
        return true;
    }
}
