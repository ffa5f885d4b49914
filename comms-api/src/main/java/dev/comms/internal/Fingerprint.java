package dev.comms.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A SHA-256 over a canonical form of a request, for telling an idempotent retry from a different
 * request that reuses a key. Fields are length-prefixed so no two requests share a canonical form.
 */
public final class Fingerprint {
    /** One digest per thread: {@code MessageDigest.getInstance} looks the provider up on every call. */
    private static final ThreadLocal<MessageDigest> SHA256 = ThreadLocal.withInitial(() -> {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    });
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final StringBuilder sb = new StringBuilder(256);

    /** Starts an empty canonical form. */
    public Fingerprint() {
    }

    /**
     * @param name field name
     * @param value field value, or null
     * @return this
     */
    public Fingerprint add(String name, Object value) {
        String v = value == null ? "\u0000" : value.toString();
        sb.append(name).append('=').append(v.length()).append(':').append(v).append('\n');
        return this;
    }

    /** @return the hex SHA-256 */
    public String sha256() {
        MessageDigest md = SHA256.get();
        md.reset();
        byte[] d = md.digest(sb.toString().getBytes(StandardCharsets.UTF_8));
        char[] hex = new char[d.length * 2];
        for (int i = 0; i < d.length; i++) {
            hex[2 * i] = HEX[(d[i] >> 4) & 15];
            hex[2 * i + 1] = HEX[d[i] & 15];
        }
        return new String(hex);
    }
}
