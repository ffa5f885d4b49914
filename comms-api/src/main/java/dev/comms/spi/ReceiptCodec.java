package dev.comms.spi;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.comms.CallReceipt;
import dev.comms.Channel;
import dev.comms.ChatReceipt;
import dev.comms.CommsException;
import dev.comms.EmailReceipt;
import dev.comms.ErrorCode;
import dev.comms.FailureClass;
import dev.comms.ProviderException;
import dev.comms.Receipt;
import dev.comms.SmsReceipt;
import dev.comms.SmsSegments;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

/**
 * Turns the receipts and failures an {@link IdempotencyStore} keeps into text and back, for stores
 * that live outside the JVM (a database). A stored SMS receipt carries no message body (its segments'
 * {@code body} is empty): the store never keeps what was sent, only its outcome. A stored failure
 * keeps its code, message, channel, provider and, for a provider failure, its class, HTTP status,
 * provider code and retry-after; its cause is not kept.
 *
 * <p>Thread-safe.
 */
public final class ReceiptCodec {
    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(SerializationFeature.WRITE_DURATIONS_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
            .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
            .build();

    private ReceiptCodec() {
    }

    /**
     * @param receipt a receipt
     * @return its text, without message bodies
     */
    public static String encode(Receipt receipt) {
        Receipt r = receipt;
        if (r instanceof SmsReceipt s && s.segments() != null) {
            SmsSegments seg = s.segments();
            r = new SmsReceipt(s.id(), s.account(), s.mode(), s.provider(), s.providerMessageId(), s.status(), s.attempts(), s.billing(),
                    s.timestamp(), s.to(), new SmsSegments(seg.encoding(), seg.segmentSizes(), seg.ucs2Characters(), "", seg.smartEncoded()));
        }
        ObjectNode root = MAPPER.createObjectNode();
        root.put("type", r.channel().key());
        root.set("receipt", MAPPER.valueToTree(r));
        return root.toString();
    }

    /**
     * @param text what {@link #encode(Receipt)} wrote
     * @return the receipt
     * @throws IllegalArgumentException if the text is not a receipt
     */
    public static Receipt decode(String text) {
        try {
            JsonNode root = MAPPER.readTree(text);
            JsonNode r = root.get("receipt");
            return switch (root.get("type").asText()) {
                case "sms" -> MAPPER.treeToValue(r, SmsReceipt.class);
                case "email" -> MAPPER.treeToValue(r, EmailReceipt.class);
                case "voice" -> MAPPER.treeToValue(r, CallReceipt.class);
                case "ai" -> MAPPER.treeToValue(r, ChatReceipt.class);
                default -> throw new IllegalArgumentException("not a stored receipt: type " + root.get("type"));
            };
        } catch (IOException | RuntimeException e) {
            throw new IllegalArgumentException("not a stored receipt: " + e.getMessage(), e);
        }
    }

    /**
     * @param error a failure to replay
     * @return its text
     */
    public static String encodeError(CommsException error) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("code", error.code().name());
        n.put("message", error.getMessage());
        error.channel().ifPresent(c -> n.put("channel", c.name()));
        error.provider().ifPresent(p -> n.put("provider", p));
        if (error instanceof ProviderException pe) {
            n.put("failureClass", pe.failureClass().name());
            n.put("httpStatus", pe.httpStatus());
            pe.providerCode().ifPresent(c -> n.put("providerCode", c));
            pe.retryAfter().ifPresent(d -> n.put("retryAfterMillis", d.toMillis()));
        }
        return n.toString();
    }

    /**
     * @param text what {@link #encodeError} wrote
     * @return an equivalent failure (a {@link ProviderException} for a provider failure)
     * @throws IllegalArgumentException if the text is not a stored failure
     */
    public static CommsException decodeError(String text) {
        try {
            JsonNode n = MAPPER.readTree(text);
            Channel channel = n.hasNonNull("channel") ? Channel.valueOf(n.get("channel").asText()) : null;
            String provider = n.hasNonNull("provider") ? n.get("provider").asText() : null;
            String message = n.get("message").asText();
            if (n.hasNonNull("failureClass")) {
                ProviderException.Builder b = ProviderException.of(FailureClass.valueOf(n.get("failureClass").asText()),
                        provider == null ? "unknown" : provider, message).channel(channel).httpStatus(n.path("httpStatus").asInt());
                if (n.hasNonNull("providerCode")) {
                    b.providerCode(n.get("providerCode").asText());
                }
                if (n.hasNonNull("retryAfterMillis")) {
                    b.retryAfter(Duration.ofMillis(n.get("retryAfterMillis").asLong()));
                }
                return b.build();
            }
            return new CommsException(ErrorCode.valueOf(n.get("code").asText()), message, channel, provider, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("not a stored failure: " + e.getMessage(), e);
        }
    }
}
