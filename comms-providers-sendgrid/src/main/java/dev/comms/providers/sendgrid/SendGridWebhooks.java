package dev.comms.providers.sendgrid;

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
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.interfaces.ECPublicKey;
import java.security.spec.X509EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;

/**
 * SendGrid's signed event webhook.
 *
 * <p>Verification: ECDSA P-256 with SHA-256 over the bytes of the
 * {@code X-Twilio-Email-Event-Webhook-Timestamp} header followed by the raw body (its trailing CRLF
 * included), the signature being the Base64 DER in {@code X-Twilio-Email-Event-Webhook-Signature},
 * checked with the account's verification key ({@code comms.sendgrid.webhook-public-key}, Base64
 * X.509 as SendGrid shows it, PEM armour allowed). The JDK's {@code KeyFactory.getInstance("EC")} and
 * {@code Signature.getInstance("SHA256withECDSA")} do it all: no BouncyCastle (the SDK's own
 * {@code EventWebhook} helper needs it, and sendgrid-java does not ship it). The timestamp must lie
 * within {@value #TOLERANCE_SECONDS} seconds of {@code now} either way; the signature must be
 * canonical Base64, so the same bytes have one accepted spelling.
 *
 * <p>Parsing: the body is a JSON array of events, each one {@link DeliveryEvent}, in order:
 * delivered: delivered; deferred: deferred; bounce (and its {@code blocked} type): bounced;
 * dropped: bounced too (SendGrid will not deliver it: a suppressed, invalid or unsubscribed address;
 * its {@code reason} says which); spamreport: complained; open: opened; click: clicked;
 * unsubscribe and group_unsubscribe: unsubscribed. {@code processed} (accepted by SendGrid, not yet
 * delivered) is {@link EventStatus#UNKNOWN}: the event model has no "accepted" status for email and
 * it moves nothing forward; so are group_resubscribe and any event not listed, with their JSON kept.
 * The event id is {@code sg_event_id}; the provider message id is {@code sg_message_id} up to its
 * first dot, which is what {@code X-Message-Id} answered at send; Comms' message id and hold come
 * back from the custom args {@value SendGridEmail#MESSAGE_ID_ARG} and {@value #HOLD_ARG} every send
 * carries; {@code timestamp} is epoch seconds; {@code status} (SMTP code) is the error code and
 * {@code reason} (else {@code response}) the error text. Each event's raw payload is its own JSON
 * object.
 */
final class SendGridWebhooks implements WebhookHandler {
    /** The signature header. */
    static final String SIGNATURE = "X-Twilio-Email-Event-Webhook-Signature";
    /** The timestamp header. */
    static final String TIMESTAMP = "X-Twilio-Email-Event-Webhook-Timestamp";
    /** The custom arg that carries the send's credit hold. */
    static final String HOLD_ARG = "comms_hold";
    /** How far the timestamp may be from now, either way. */
    static final long TOLERANCE_SECONDS = 300;
    private static final ObjectMapper JSON = new ObjectMapper();

    private final PublicKey key;
    private final Clock clock;

    /**
     * @param key the verification key, or null to refuse every request, saying why
     * @param clock the clock for events without a timestamp
     */
    SendGridWebhooks(PublicKey key, Clock clock) {
        this.key = key;
        this.clock = clock;
    }

    /**
     * Reads SendGrid's verification key: Base64 of the X.509 SubjectPublicKeyInfo of a P-256 key
     * (PEM header, footer and line breaks are ignored).
     *
     * @param setting the setting's name, for the message
     * @param value the key as SendGrid shows it
     * @return the key
     * @throws CommsConfigurationException if it is not such a key
     */
    static PublicKey publicKey(String setting, String value) {
        String b64 = value.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
        try {
            PublicKey k = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(b64)));
            if (k instanceof ECPublicKey ec && ec.getParams().getCurve().getField().getFieldSize() == 256) {
                return k;
            }
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // reported below
        }
        throw new CommsConfigurationException("'" + setting + "' is not SendGrid's event webhook verification key (Base64 of an X.509 "
                + "P-256 public key, as shown under Mail Settings > Signed Event Webhook)");
    }

    @Override
    public Verification verify(WebhookRequest request, Instant now) {
        if (key == null) {
            return new Verification.Refused("no SendGrid webhook public key is configured: cannot check " + SIGNATURE);
        }
        String signature = request.header(SIGNATURE);
        if (signature == null || signature.isBlank()) {
            return new Verification.Refused("missing " + SIGNATURE + " header");
        }
        String timestamp = request.header(TIMESTAMP);
        if (timestamp == null || timestamp.isBlank()) {
            return new Verification.Refused("missing " + TIMESTAMP + " header");
        }
        if (!timestamp.matches("[0-9]{1,18}")) {
            return new Verification.Refused(TIMESTAMP + " is not epoch seconds");
        }
        long skew = now.getEpochSecond() - Long.parseLong(timestamp);
        if (Math.abs(skew) > TOLERANCE_SECONDS) {
            return new Verification.Refused("timestamp " + Math.abs(skew) + " s " + (skew > 0 ? "before" : "after") + " now (tolerance "
                    + TOLERANCE_SECONDS + " s)");
        }
        String sig = signature.strip();
        byte[] der;
        try {
            der = Base64.getDecoder().decode(sig);
        } catch (IllegalArgumentException e) {
            return new Verification.Refused(SIGNATURE + " is not Base64");
        }
        // one spelling per signature: unused bits in the last character would otherwise pass as the same bytes
        if (!MessageDigest.isEqual(Base64.getEncoder().encode(der), sig.getBytes(StandardCharsets.UTF_8))) {
            return new Verification.Refused(SIGNATURE + " is not canonical Base64");
        }
        try {
            Signature ecdsa = Signature.getInstance("SHA256withECDSA");
            ecdsa.initVerify(key);
            ecdsa.update(timestamp.getBytes(StandardCharsets.UTF_8));
            ecdsa.update(request.body());
            return ecdsa.verify(der) ? new Verification.Verified()
                    : new Verification.Refused(SIGNATURE + " does not match the timestamp and body");
        } catch (SignatureException e) {
            return new Verification.Refused(SIGNATURE + " is not a DER-encoded ECDSA signature");
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot check SHA256withECDSA", e);
        }
    }

    @Override
    public Payload parse(WebhookRequest request) {
        JsonNode root;
        try {
            root = JSON.readTree(request.body());
        } catch (IOException e) {
            throw new IllegalArgumentException("SendGrid's event webhook body is not JSON", e);
        }
        if (root == null || !root.isArray()) {
            throw new IllegalArgumentException("SendGrid's event webhook body is a JSON array of events");
        }
        List<DeliveryEvent> events = new ArrayList<>(root.size());
        for (JsonNode e : root) {
            events.add(event(e));
        }
        return new Payload(events, List.of());
    }

    private DeliveryEvent event(JsonNode e) {
        String raw = e.toString();
        String name = text(e, "event");
        String eventId = text(e, "sg_event_id");
        if (eventId.isEmpty()) {
            eventId = "sha256:" + sha256(raw);
        }
        String sgMessageId = text(e, "sg_message_id");
        int dot = sgMessageId.indexOf('.');
        Instant at = e.path("timestamp").canConvertToLong() ? Instant.ofEpochSecond(e.path("timestamp").asLong()) : clock.instant();
        String reason = text(e, "reason");
        return new DeliveryEvent(SendGridProvider.ID, eventId, Channel.EMAIL, arg(e, SendGridEmail.MESSAGE_ID_ARG), arg(e, HOLD_ARG),
                dot > 0 ? sgMessageId.substring(0, dot) : sgMessageId, status(name), at, null, "", text(e, "status"),
                reason.isEmpty() ? text(e, "response") : reason, raw);
    }

    /** SendGrid's event name to ours; what is not listed is {@link EventStatus#UNKNOWN}. */
    static EventStatus status(String event) {
        return switch (event) {
            case "delivered" -> EventStatus.EMAIL_DELIVERED;
            case "deferred" -> EventStatus.EMAIL_DEFERRED;
            case "bounce", "dropped" -> EventStatus.EMAIL_BOUNCED;
            case "spamreport" -> EventStatus.EMAIL_COMPLAINED;
            case "open" -> EventStatus.EMAIL_OPENED;
            case "click" -> EventStatus.EMAIL_CLICKED;
            case "unsubscribe", "group_unsubscribe" -> EventStatus.EMAIL_UNSUBSCRIBED;
            default -> EventStatus.UNKNOWN; // processed, group_resubscribe, and anything new
        };
    }

    /** A custom arg: at the event's top level (as SendGrid sends them), or in a nested {@code unique_args} of older formats. */
    private static String arg(JsonNode e, String name) {
        String v = text(e, name);
        return v.isEmpty() ? text(e.path("unique_args"), name) : v;
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isValueNode() && !v.isNull() ? v.asText() : "";
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return "SendGridWebhooks[" + (key == null ? "no key" : "public key set") + "]";
    }
}
