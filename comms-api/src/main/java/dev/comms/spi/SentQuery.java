package dev.comms.spi;

import dev.comms.Channel;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;

/**
 * A send whose outcome is unknown, as {@link OutcomeLookup} is asked about it. It carries no message
 * body: only a SHA-256 of the content, so a provider can match what it lists against it.
 *
 * @param providerId the provider the ambiguous attempt went to
 * @param channel the channel
 * @param messageId Comms' message id (also in SendGrid's custom argument and Twilio's callback URL)
 * @param idempotencyKey the key the provider was given (Resend's {@code Idempotency-Key})
 * @param recipient the recipient: E.164 number or email address
 * @param contentSha256 hex SHA-256 of the content as sent ({@link #sha256}): the SMS body, the call's
 *     script or TwiML URL, the email subject; empty when there is none
 * @param firstAttempt when the first attempt started
 * @param lastAttempt when the last attempt ended
 */
public record SentQuery(String providerId, Channel channel, String messageId, String idempotencyKey, String recipient,
        String contentSha256, Instant firstAttempt, Instant lastAttempt) {
    /**
     * Checks the components.
     *
     * @param providerId the provider the ambiguous attempt went to
     * @param channel the channel
     * @param messageId Comms' message id (also in SendGrid's custom argument and Twilio's callback URL)
     * @param idempotencyKey the key the provider was given (Resend's {@code Idempotency-Key})
     * @param recipient the recipient: E.164 number or email address
     * @param contentSha256 hex SHA-256 of the content as sent ({@link #sha256}): the SMS body, the call's script or TwiML URL, the email subject; empty when there is none
     * @param firstAttempt when the first attempt started
     * @param lastAttempt when the last attempt ended
     */
    public SentQuery {
        Objects.requireNonNull(providerId, "providerId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(messageId, "messageId");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(recipient, "recipient");
        Objects.requireNonNull(contentSha256, "contentSha256");
        Objects.requireNonNull(firstAttempt, "firstAttempt");
        Objects.requireNonNull(lastAttempt, "lastAttempt");
    }

    /**
     * @param content the content as a provider lists it; may be null
     * @return true if its SHA-256 is this query's
     */
    public boolean matches(String content) {
        return content != null && MessageDigest.isEqual(sha256(content).getBytes(StandardCharsets.US_ASCII),
                contentSha256.getBytes(StandardCharsets.US_ASCII));
    }

    /**
     * @param content some content
     * @return its hex SHA-256 over UTF-8, or empty for null
     */
    public static String sha256(String content) {
        if (content == null) {
            return "";
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** @return the query with the recipient masked and no content hash shown */
    @Override
    public String toString() {
        String r = recipient.length() > 6 ? recipient.substring(0, 4) + "***" + recipient.substring(recipient.length() - 2) : "***";
        return "SentQuery[provider=" + providerId + ", channel=" + channel + ", messageId=" + messageId + ", recipient=" + r
                + ", firstAttempt=" + firstAttempt + ", lastAttempt=" + lastAttempt + "]";
    }
}
