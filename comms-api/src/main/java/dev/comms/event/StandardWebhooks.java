package dev.comms.event;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Signing and verifying webhooks the Standard Webhooks way (the scheme Svix and Resend use, and the
 * one Comms signs its own events with): {@code webhook-signature: v1,<base64 HMAC-SHA256(key, id + "." +
 * timestamp + "." + body)>}, the key being the Base64-decoded secret after {@code whsec_}; plus the
 * hosted API's plain hex HMAC-SHA256 of the body for compatibility. Comparison is constant-time;
 * timestamps must be within 300 seconds either way.
 *
 * <p>Thread-safe: stateless.
 */
public final class StandardWebhooks {
    /** How far a timestamp may be from now, either way. */
    public static final Duration TOLERANCE = Duration.ofSeconds(300);

    private StandardWebhooks() {
    }

    /**
     * @param secret a {@code whsec_...} secret, or its Base64 part alone
     * @return the signing key
     * @throws IllegalArgumentException if it is empty or not Base64
     */
    public static byte[] key(String secret) {
        Objects.requireNonNull(secret, "secret");
        String s = secret.strip();
        if (s.startsWith("whsec_")) {
            s = s.substring("whsec_".length());
        }
        if (s.isEmpty()) {
            throw new IllegalArgumentException("the webhook secret is empty");
        }
        return Base64.getDecoder().decode(s);
    }

    /**
     * @param key the signing key
     * @param id the webhook id
     * @param timestamp epoch seconds
     * @param body the raw body
     * @return {@code v1,<base64>}
     */
    public static String sign(byte[] key, String id, long timestamp, byte[] body) {
        byte[] prefix = (id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8);
        byte[] signed = new byte[prefix.length + body.length];
        System.arraycopy(prefix, 0, signed, 0, prefix.length);
        System.arraycopy(body, 0, signed, prefix.length, body.length);
        return "v1," + Base64.getEncoder().encodeToString(hmac(key, signed));
    }

    /**
     * @param secret the shared secret, as text
     * @param body the raw body
     * @return the lower-case hex HMAC-SHA256 of the body
     */
    public static String hex(String secret, byte[] body) {
        return HexFormat.of().formatHex(hmac(secret.getBytes(StandardCharsets.UTF_8), body));
    }

    /**
     * Verifies Standard Webhooks headers.
     *
     * @param key the signing key
     * @param id the {@code webhook-id} (or {@code svix-id}) header, or null
     * @param timestamp the {@code webhook-timestamp} header, or null
     * @param signatures the {@code webhook-signature} header: space-separated {@code v1,<base64>}, any may match; or null
     * @param body the raw body
     * @param now now
     * @return null when valid, else the reason
     */
    public static String check(byte[] key, String id, String timestamp, String signatures, byte[] body, Instant now) {
        if (id == null || id.isBlank()) {
            return "missing webhook-id header";
        }
        if (timestamp == null || timestamp.isBlank()) {
            return "missing webhook-timestamp header";
        }
        if (signatures == null || signatures.isBlank()) {
            return "missing webhook-signature header";
        }
        long ts;
        try {
            ts = Long.parseLong(timestamp.strip());
        } catch (NumberFormatException e) {
            return "webhook-timestamp is not epoch seconds";
        }
        long skew = Math.abs(now.getEpochSecond() - ts);
        if (skew > TOLERANCE.toSeconds()) {
            return "webhook-timestamp is " + skew + " s from now (at most " + TOLERANCE.toSeconds() + " s)";
        }
        byte[] expected = sign(key, id, ts, body).getBytes(StandardCharsets.US_ASCII);
        boolean anyV1 = false;
        for (String s : signatures.strip().split(" +")) {
            if (!s.startsWith("v1,")) {
                continue;
            }
            anyV1 = true;
            if (MessageDigest.isEqual(expected, s.getBytes(StandardCharsets.US_ASCII))) {
                return null;
            }
        }
        return anyV1 ? "no v1 signature matches" : "no v1 signature (only other versions)";
    }

    private static byte[] hmac(byte[] key, byte[] data) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac.doFinal(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JVM", e);
        }
    }
}
