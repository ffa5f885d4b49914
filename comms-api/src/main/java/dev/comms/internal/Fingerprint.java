package dev.comms.internal;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A SHA-256 over a canonical form of a request, for telling an idempotent retry from a different
 * request that reuses a key. Fields are length-prefixed so no two requests share a canonical form.
 */
public final class Fingerprint {
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
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8));
            StringBuilder hex = new StringBuilder(64);
            for (byte x : d) {
                hex.append(Character.forDigit((x >> 4) & 15, 16)).append(Character.forDigit(x & 15, 16));
            }
            return hex.toString();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }
}
