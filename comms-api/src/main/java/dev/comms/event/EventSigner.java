package dev.comms.event;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Signs the events Comms sends on to the application (see {@link EventForwarder}): the hosted API's
 * payload {@code {"event":"sms.delivered","timestamp":...,"data":{...}}}, with Standard Webhooks headers
 * ({@code webhook-id}, {@code webhook-timestamp}, {@code webhook-signature: v1,...}) and, for receivers
 * written for the hosted API, {@code comms-signature: sha256=<hex HMAC-SHA256 of the body>}. The
 * webhook id is derived from the event, so a retried delivery carries the same id and the receiver
 * can deduplicate. Receivers check both with {@link EventVerifier}.
 *
 * <p>Immutable and thread-safe; {@link #toString()} never shows the secret.
 */
public final class EventSigner {
    private final String secret;
    private final byte[] key;

    /**
     * @param secret a {@code whsec_...} secret (Base64 after the prefix), shared with the receiver
     * @throws IllegalArgumentException if it is empty or not Base64
     */
    public EventSigner(String secret) {
        this.secret = Objects.requireNonNull(secret, "secret");
        this.key = StandardWebhooks.key(secret);
    }

    /**
     * A signed delivery of one event.
     *
     * @param id the webhook id
     * @param timestamp epoch seconds
     * @param body the JSON body
     * @param headers the headers to send
     */
    public record Signed(String id, long timestamp, byte[] body, Map<String, String> headers) {
        /**
         * Copies the components.
         *
         * @param id the webhook id
         * @param timestamp epoch seconds
         * @param body the body
         * @param headers the headers
         */
        public Signed {
            body = body.clone();
            headers = Map.copyOf(headers);
        }

        /** @return a copy of the body */
        @Override
        public byte[] body() {
            return body.clone();
        }
    }

    /**
     * @param event the event
     * @param now the signing time
     * @return the body and headers to POST
     */
    public Signed sign(DeliveryEvent event, Instant now) {
        return sign(idOf(event), payload(event), now);
    }

    /**
     * @param id the webhook id
     * @param body the body
     * @param now the signing time
     * @return the body and headers to POST
     */
    public Signed sign(String id, byte[] body, Instant now) {
        long ts = now.getEpochSecond();
        Map<String, String> h = new LinkedHashMap<>();
        h.put("content-type", "application/json");
        h.put("webhook-id", id);
        h.put("webhook-timestamp", Long.toString(ts));
        h.put("webhook-signature", StandardWebhooks.sign(key, id, ts, body));
        h.put("comms-signature", "sha256=" + StandardWebhooks.hex(secret, body));
        return new Signed(id, ts, body, h);
    }

    static String idOf(DeliveryEvent e) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest((e.provider() + "\u0000" + e.providerEventId()).getBytes(StandardCharsets.UTF_8));
            return "evt_" + HexFormat.of().formatHex(d, 0, 12);
        } catch (NoSuchAlgorithmException x) {
            throw new IllegalStateException(x);
        }
    }

    /**
     * @param e an event
     * @return the hosted API's payload for it
     */
    public static byte[] payload(DeliveryEvent e) {
        StringBuilder b = new StringBuilder(256);
        b.append("{\"event\":").append(q(e.type())).append(",\"timestamp\":").append(q(e.timestamp().toString())).append(",\"data\":{");
        b.append("\"message_id\":").append(q(e.messageId())).append(",\"provider\":").append(q(e.provider()))
                .append(",\"provider_message_id\":").append(q(e.providerMessageId())).append(",\"channel\":")
                .append(e.channel() == null ? "null" : q(e.channel().key())).append(",\"status\":").append(q(e.status().name()));
        e.duration().ifPresent(d -> b.append(",\"duration_seconds\":").append(d.toSeconds()));
        if (!e.digits().isEmpty()) {
            b.append(",\"digits\":").append(q(e.digits()));
        }
        if (!e.errorCode().isEmpty()) {
            b.append(",\"error_code\":").append(q(e.errorCode()));
        }
        if (!e.errorReason().isEmpty()) {
            b.append(",\"error_reason\":").append(q(e.errorReason()));
        }
        return b.append("}}").toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String q(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    @Override
    public String toString() {
        return "EventSigner[secret=set]";
    }
}
