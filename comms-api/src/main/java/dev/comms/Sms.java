package dev.comms;

import dev.comms.internal.PhoneNumbers;
import dev.comms.internal.Text;
import java.net.URI;
import java.util.Objects;
import java.util.Optional;

/**
 * An SMS text message, immutable and validated when built.
 *
 * <pre>{@code
 * Sms sms = Sms.to("+447123456789").body("Your code is 123456").build();
 * SmsReceipt receipt = comms.sms().send(sms);
 * receipt.segments().segmentCount();   // 1
 * }</pre>
 *
 * <p>The body must not be empty and may hold at most {@value #MAX_BODY_LENGTH} characters (code
 * points); the configured segment limit ({@code comms.sms.max-segments}, 10 by default) is checked
 * when it is sent. The sender is a phone number, an alphanumeric sender id (1 to 11 letters, digits
 * and spaces, at least one letter; it must be approved with the carrier), or a provider's messaging
 * service; when left out, {@code comms.sms.from} is used.
 */
public final class Sms {
    /** Twilio's limit, and ours: longer bodies are refused, never truncated. */
    public static final int MAX_BODY_LENGTH = 1600;

    private final Phone to;
    private final String body;
    private final Phone fromNumber;
    private final String senderId;
    private final String messagingService;
    private final URI statusCallback;

    private Sms(Builder b) {
        this.to = b.to;
        this.body = b.body;
        this.fromNumber = b.fromNumber;
        this.senderId = b.senderId;
        this.messagingService = b.messagingService;
        this.statusCallback = b.statusCallback;
    }

    /**
     * Starts an SMS to a number in international form.
     *
     * @param number E.164, or digits with country code and no {@code +}
     * @return a builder
     * @throws InvalidMessageException with {@link ErrorCode#INVALID_PHONE}
     */
    public static Builder to(String number) {
        return new Builder(PhoneNumbers.parse(number, null, "to", Channel.SMS));
    }

    /**
     * Starts an SMS to a number written as dialled in a region.
     *
     * @param number the local or international number
     * @param region ISO 3166 alpha-2, such as {@code US}
     * @return a builder
     */
    public static Builder to(String number, String region) {
        return new Builder(PhoneNumbers.parse(number, region, "to", Channel.SMS));
    }

    /**
     * Starts an SMS to a validated number.
     *
     * @param number the recipient
     * @return a builder
     */
    public static Builder to(Phone number) {
        return new Builder(Objects.requireNonNull(number, "to"));
    }

    /** @return a builder holding this message's fields */
    public Builder toBuilder() {
        Builder b = new Builder(to);
        b.body = body;
        b.fromNumber = fromNumber;
        b.senderId = senderId;
        b.messagingService = messagingService;
        b.statusCallback = statusCallback;
        return b;
    }

    /**
     * @param number another recipient
     * @return a copy of this message to that number
     */
    public Sms withTo(Phone number) {
        Builder b = toBuilder();
        b.to = Objects.requireNonNull(number, "to");
        return b.build();
    }

    /** @return the recipient; never null */
    public Phone to() {
        return to;
    }

    /** @return the text; never empty */
    public String body() {
        return body;
    }

    /** @return the sending number, when the sender is a number */
    public Optional<Phone> fromNumber() {
        return Optional.ofNullable(fromNumber);
    }

    /** @return the alphanumeric sender id, when the sender is one */
    public Optional<String> senderId() {
        return Optional.ofNullable(senderId);
    }

    /**
     * @return the provider's messaging service (Twilio {@code MG...}), when the sender is one
     */
    public Optional<String> messagingService() {
        return Optional.ofNullable(messagingService);
    }

    /** @return true if a sender of any kind is set */
    public boolean hasSender() {
        return fromNumber != null || senderId != null || messagingService != null;
    }

    /** @return the URL the provider posts delivery updates to, if set */
    public Optional<URI> statusCallback() {
        return Optional.ofNullable(statusCallback);
    }

    /** @return the recipient masked and the body's length; never the body itself */
    @Override
    public String toString() {
        return "Sms{to=" + to.masked() + ", length=" + body.length() + '}';
    }

    /** Builds an {@link Sms}; not thread-safe. */
    public static final class Builder {
        private Phone to;
        private String body;
        private Phone fromNumber;
        private String senderId;
        private String messagingService;
        private URI statusCallback;

        private Builder(Phone to) {
            this.to = to;
        }

        /**
         * @param body the text, 1 to 1,600 characters
         * @return this builder
         */
        public Builder body(String body) {
            this.body = body;
            return this;
        }

        /**
         * Sets the sender: a phone number ({@code +447700...} or digits) or an alphanumeric sender id
         * ({@code "Acme"}).
         *
         * @param sender the number or sender id
         * @return this builder
         * @throws InvalidMessageException if it is neither
         */
        public Builder from(String sender) {
            clearSender();
            if (sender == null || sender.isBlank()) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "from", "sender is empty", Channel.SMS);
            }
            String s = Text.headerSafe("from", sender, Channel.SMS).strip();
            if (looksLikeNumber(s)) {
                this.fromNumber = PhoneNumbers.parse(s, null, "from", Channel.SMS);
            } else {
                this.senderId = validSenderId(s);
            }
            return this;
        }

        /**
         * @param number the sending number
         * @return this builder
         */
        public Builder from(Phone number) {
            clearSender();
            this.fromNumber = Objects.requireNonNull(number, "from");
            return this;
        }

        /**
         * Sends through a provider's messaging service (a pool of senders) instead of one number.
         *
         * @param id the service id, such as Twilio's {@code MG...}
         * @return this builder
         */
        public Builder messagingService(String id) {
            clearSender();
            if (id == null || id.isBlank()) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "messagingService", "messaging service id is empty", Channel.SMS);
            }
            this.messagingService = Text.headerSafe("messagingService", id, Channel.SMS).strip();
            return this;
        }

        /**
         * @param url absolute http(s) URL for delivery updates
         * @return this builder
         */
        public Builder statusCallback(String url) {
            this.statusCallback = Text.httpUrl("statusCallback", url, Channel.SMS);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the message
         * @throws InvalidMessageException for an empty, too long or control-character body
         */
        public Sms build() {
            validateBody(body);
            return new Sms(this);
        }

        private void clearSender() {
            fromNumber = null;
            senderId = null;
            messagingService = null;
        }

        private static boolean looksLikeNumber(String s) {
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (!((c >= '0' && c <= '9') || c == '+' || c == ' ' || c == '-' || c == '(' || c == ')' || c == '.')) {
                    return false;
                }
            }
            return true;
        }

        private static String validSenderId(String s) {
            boolean letter = false;
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == ' ';
                if (!ok) {
                    throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "from", "alphanumeric sender id '"
                            + Text.printable(s) + "' may hold only letters A-Z, digits and spaces", Channel.SMS);
                }
                letter |= Character.isLetter(c);
            }
            if (s.length() > 11) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "from", "alphanumeric sender id '" + s
                        + "' is " + s.length() + " characters; the limit is 11", Channel.SMS);
            }
            if (!letter) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "from",
                        "alphanumeric sender id must contain at least one letter", Channel.SMS);
            }
            return s;
        }

        static void validateBody(String body) {
            if (body == null || body.isEmpty() || body.isBlank()) {
                throw new InvalidMessageException(ErrorCode.EMPTY_MESSAGE, "body", "SMS body is empty: write at least one character", Channel.SMS);
            }
            int length = body.codePointCount(0, body.length());
            if (length > MAX_BODY_LENGTH) {
                throw new InvalidMessageException(ErrorCode.MESSAGE_TOO_LONG, "body", "SMS body is " + length
                        + " characters; the limit is " + MAX_BODY_LENGTH + ": shorten it or send it by email", Channel.SMS);
            }
            for (int i = 0; i < body.length(); i++) {
                char c = body.charAt(i);
                if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t' && c != '\f') || c == 0x7F) {
                    throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "body", String.format(
                            "contains control character U+%04X at position %d: remove it", (int) c, i), Channel.SMS);
                }
            }
        }
    }
}
