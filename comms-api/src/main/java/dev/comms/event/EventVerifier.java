package dev.comms.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What an application that receives Comms' events calls to check them: the Standard Webhooks headers
 * ({@code webhook-id}, {@code webhook-timestamp} within 300 s, {@code webhook-signature}), or the hosted
 * API's {@code comms-signature} hex HMAC-SHA256 of the body. Header names are matched in any case.
 *
 * <pre>{@code
 * EventVerifier verifier = new EventVerifier(secret, Clock.systemUTC());
 * Optional<String> refused = verifier.refusal(headers, rawBody);
 * if (refused.isPresent()) return 401;
 * }</pre>
 *
 * <p>Immutable and thread-safe.
 */
public final class EventVerifier {
    private final String secret;
    private final byte[] key;
    private final Clock clock;

    /**
     * @param secret the shared {@code whsec_...} secret
     * @param clock the clock timestamps are checked against
     */
    public EventVerifier(String secret, Clock clock) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.key = StandardWebhooks.key(secret);
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * @param headers the request's headers (first value each)
     * @param body the raw body
     * @return empty when valid, else why it is refused
     */
    public Optional<String> refusal(Map<String, String> headers, byte[] body) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        h.putAll(headers);
        if (h.containsKey("webhook-signature")) {
            return Optional.ofNullable(StandardWebhooks.check(key, h.get("webhook-id"), h.get("webhook-timestamp"),
                    h.get("webhook-signature"), body, clock.instant()));
        }
        String hex = h.get("comms-signature");
        if (hex == null) {
            return Optional.of("missing webhook-signature and comms-signature headers");
        }
        String v = hex.strip().startsWith("sha256=") ? hex.strip().substring(7) : hex.strip();
        boolean ok = MessageDigest.isEqual(StandardWebhooks.hex(secret, body).getBytes(StandardCharsets.US_ASCII),
                v.toLowerCase(java.util.Locale.ROOT).getBytes(StandardCharsets.US_ASCII));
        return ok ? Optional.empty() : Optional.of("comms-signature does not match");
    }

    @Override
    public String toString() {
        return "EventVerifier[secret=set]";
    }
}
