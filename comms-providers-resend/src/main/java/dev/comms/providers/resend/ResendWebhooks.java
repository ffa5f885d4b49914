package dev.comms.providers.resend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.event.DeliveryEvent;
import dev.comms.event.EventStatus;
import dev.comms.event.WebhookRequest;
import dev.comms.spi.WebhookHandler;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Resend's webhooks, delivered by Svix under the Standard Webhooks scheme.
 *
 * <p>Verification: the key is the Base64 decoding of the signing secret
 * ({@code comms.resend.webhook-secret}, with or without its {@code whsec_} prefix); the signature is
 * the Base64 HMAC-SHA256 of {@code id + "." + timestamp + "." + body} over the raw body bytes, with
 * the id and timestamp from {@code svix-id} and {@code svix-timestamp} (or the unbranded
 * {@code webhook-id} and {@code webhook-timestamp}); {@code svix-signature} (or
 * {@code webhook-signature}) is a space-separated list of {@code v1,<base64>} entries, of which any
 * one must match (the others, and entries of other versions, are ignored: secrets rotate). The
 * timestamp must lie within {@value #TOLERANCE_SECONDS} seconds of {@code now} either way. Signatures
 * are compared as their canonical Base64 text in constant time.
 *
 * <p>Parsing: {@code {type, created_at, data: {email_id, to, tags, bounce, ...}}} is one
 * {@link DeliveryEvent}: email.delivered: delivered; email.delivery_delayed: deferred;
 * email.bounced: bounced (with {@code bounce.type/subType} as the error code and
 * {@code bounce.message} as the text); email.complained: complained; email.opened: opened;
 * email.clicked: clicked. email.sent (accepted by Resend, not yet delivered), email.failed and every
 * other type (email.scheduled, email.received, contact.*, domain.*) are {@link EventStatus#UNKNOWN},
 * kept with their raw payload. The event id is the {@code svix-id} (or {@code webhook-id}), which
 * Svix keeps across redeliveries. Correlation: Resend echoes an email's tags in {@code data.tags}
 * (an object of name to value; a list of {@code {name, value}} is read too), so every single send
 * carries the tags {@value #MESSAGE_ID_TAG} and {@value #HOLD_TAG}, read back here.
 */
final class ResendWebhooks implements WebhookHandler {
    /** The tag that carries Comms' message id. */
    static final String MESSAGE_ID_TAG = "comms_message_id";
    /** The tag that carries the send's credit hold. */
    static final String HOLD_TAG = "comms_hold";
    /** How far the timestamp may be from now, either way. */
    static final long TOLERANCE_SECONDS = 300;
    private static final String PREFIX = "whsec_";
    private static final Pattern EPOCH_SECONDS = Pattern.compile("[0-9]{1,18}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final byte[] key;
    private final Clock clock;

    /**
     * @param key the HMAC key (the decoded secret); empty refuses every request, saying why
     * @param clock the clock for events without a time
     */
    ResendWebhooks(byte[] key, Clock clock) {
        this.key = key.clone();
        this.clock = clock;
    }

    /**
     * Decodes a signing secret, with or without {@code whsec_}.
     *
     * @param secret the secret as Resend shows it
     * @return the key bytes (empty for an empty secret)
     * @throws IllegalArgumentException if what follows the prefix is not Base64
     */
    static byte[] key(String secret) {
        String s = secret.strip();
        return Base64.getDecoder().decode(s.startsWith(PREFIX) ? s.substring(PREFIX.length()) : s);
    }

    /**
     * Reads {@code comms.resend.webhook-secret}.
     *
     * @throws CommsConfigurationException naming the setting (never the value) when it is not a Base64 secret
     */
    static ResendWebhooks of(String setting, String secret, Clock clock) {
        try {
            return new ResendWebhooks(key(secret), clock);
        } catch (IllegalArgumentException e) {
            throw new CommsConfigurationException("'" + setting + "' is not a Resend webhook signing secret (whsec_ followed by Base64, as "
                    + "the webhook's page in Resend shows it)");
        }
    }

    @Override
    public Verification verify(WebhookRequest request, Instant now) {
        if (key.length == 0) {
            return new Verification.Refused("no Resend webhook secret is configured: cannot check svix-signature");
        }
        String brand = request.header("svix-id") != null || request.header("svix-signature") != null ? "svix-" : "webhook-";
        String id = request.header(brand + "id");
        String timestamp = request.header(brand + "timestamp");
        String signatures = request.header(brand + "signature");
        for (String[] h : new String[][] {{"id", id}, {"timestamp", timestamp}, {"signature", signatures}}) {
            if (h[1] == null || h[1].isBlank()) {
                return new Verification.Refused("missing " + brand + h[0] + " header");
            }
        }
        if (!EPOCH_SECONDS.matcher(timestamp).matches()) {
            return new Verification.Refused(brand + "timestamp is not epoch seconds");
        }
        long skew = now.getEpochSecond() - Long.parseLong(timestamp);
        if (Math.abs(skew) > TOLERANCE_SECONDS) {
            return new Verification.Refused("timestamp " + Math.abs(skew) + " s " + (skew > 0 ? "before" : "after") + " now (tolerance "
                    + TOLERANCE_SECONDS + " s)");
        }
        byte[] expected = sign(id, timestamp, request.body()).getBytes(StandardCharsets.US_ASCII);
        int v1 = 0;
        boolean match = false;
        for (String entry : signatures.strip().split("\\s+")) {
            int comma = entry.indexOf(',');
            if (comma < 0 || !entry.substring(0, comma).equals("v1")) {
                continue; // another version (v1a) or not a signature: ignored, as the scheme says
            }
            v1++;
            match |= MessageDigest.isEqual(entry.substring(comma + 1).getBytes(StandardCharsets.UTF_8), expected);
        }
        if (v1 == 0) {
            return new Verification.Refused("no v1 entry in " + brand + "signature (only other versions)");
        }
        return match ? new Verification.Verified()
                : new Verification.Refused("no v1 entry of " + brand + "signature matches the id, timestamp and body");
    }

    /** The Base64 HMAC-SHA256 of {@code id.timestamp.body}. */
    String sign(String id, String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            mac.update((id + "." + timestamp + ".").getBytes(StandardCharsets.UTF_8));
            return Base64.getEncoder().encodeToString(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no HmacSHA256", e);
        }
    }

    @Override
    public Payload parse(WebhookRequest request) {
        JsonNode root;
        try {
            root = JSON.readTree(request.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("Resend's webhook body is not JSON", e);
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("Resend's webhook body is a JSON object");
        }
        String type = text(root, "type");
        JsonNode data = root.path("data");
        String id = request.header("svix-id") != null ? request.header("svix-id") : request.header("webhook-id");
        if (id == null || id.isBlank()) {
            id = "sha256:" + sha256(request.body());
        }
        JsonNode bounce = data.path("bounce");
        String code = text(bounce, "type");
        String subType = text(bounce, "subType");
        String reason = text(bounce, "message");
        if (reason.isEmpty()) {
            reason = text(data.path("failed"), "reason");
        }
        return new Payload(List.of(new DeliveryEvent(ResendProvider.ID, id, type.startsWith("email.") ? Channel.EMAIL : null,
                tag(data.path("tags"), MESSAGE_ID_TAG), tag(data.path("tags"), HOLD_TAG), text(data, "email_id"), status(type),
                time(text(root, "created_at")), null, "", code.isEmpty() || subType.isEmpty() ? code : code + "/" + subType, reason,
                request.bodyText())), List.of());
    }

    /** Resend's event type to ours; what is not listed is {@link EventStatus#UNKNOWN}. */
    static EventStatus status(String type) {
        return switch (type) {
            case "email.delivered" -> EventStatus.EMAIL_DELIVERED;
            case "email.delivery_delayed" -> EventStatus.EMAIL_DEFERRED;
            case "email.bounced" -> EventStatus.EMAIL_BOUNCED;
            case "email.complained" -> EventStatus.EMAIL_COMPLAINED;
            case "email.opened" -> EventStatus.EMAIL_OPENED;
            case "email.clicked" -> EventStatus.EMAIL_CLICKED;
            default -> EventStatus.UNKNOWN; // email.sent, email.failed, email.scheduled, contact.*, domain.*, anything new
        };
    }

    /** A tag from {@code {"name": "value"}}, or from {@code [{"name": ..., "value": ...}]}. */
    private static String tag(JsonNode tags, String name) {
        if (tags.isObject()) {
            return text(tags, name);
        }
        for (JsonNode t : tags) {
            if (name.equals(text(t, "name"))) {
                return text(t, "value");
            }
        }
        return "";
    }

    private Instant time(String s) {
        if (!s.isEmpty()) {
            try {
                return OffsetDateTime.parse(s).toInstant();
            } catch (DateTimeParseException e) {
                // no usable time: when it arrived
            }
        }
        return clock.instant();
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    private static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "ResendWebhooks[secret ****]";
    }
}
