package dev.comms;

import dev.comms.internal.PhoneNumbers;
import dev.comms.internal.Text;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * An outbound voice call that speaks a script (optionally with a keypad menu) or follows a TwiML
 * document at a URL. Immutable and validated when built.
 *
 * <pre>{@code
 * VoiceCall call = VoiceCall.to("+447123456789")
 *         .say("Your appointment is tomorrow at ten. Press 1 to confirm.")
 *         .voice(Voice.BRIAN)
 *         .menu("1", "Thank you, see you tomorrow.")
 *         .build();
 * CallReceipt receipt = comms.voice().send(call);
 * }</pre>
 *
 * <p>Exactly one of a script and a TwiML URL is required. The ring timeout is 30 seconds unless set
 * (5 to 600). The caller id may be left out when {@code comms.voice.from} is configured.
 */
public final class VoiceCall {
    /** Longest script accepted (Twilio's limit for one {@code <Say>}). */
    public static final int MAX_SCRIPT_LENGTH = 4096;
    /** Ring timeout when none is set. */
    public static final Duration DEFAULT_RING_TIMEOUT = Duration.ofSeconds(30);

    private final Phone to;
    private final Phone from;
    private final String script;
    private final Voice voice;
    private final Map<String, String> menu;
    private final URI menuCallback;
    private final URI twimlUrl;
    private final Duration ringTimeout;
    private final URI statusCallback;

    private VoiceCall(Builder b) {
        this.to = b.to;
        this.from = b.from;
        this.script = b.script;
        this.voice = b.voice;
        this.menu = Collections.unmodifiableMap(new LinkedHashMap<>(b.menu));
        this.menuCallback = b.menuCallback;
        this.twimlUrl = b.twimlUrl;
        this.ringTimeout = b.ringTimeout;
        this.statusCallback = b.statusCallback;
    }

    /**
     * Starts a call to a number in international form.
     *
     * @param number E.164, or digits with country code and no {@code +}
     * @return a builder
     */
    public static Builder to(String number) {
        return new Builder(PhoneNumbers.parse(number, null, "to", Channel.VOICE));
    }

    /**
     * Starts a call to a number written as dialled in a region (Voice2Phone's {@code {Number, CountryCode}}).
     *
     * @param number the local number, such as {@code 4252337837}
     * @param region ISO 3166 alpha-2, such as {@code US}
     * @return a builder
     */
    public static Builder to(String number, String region) {
        return new Builder(PhoneNumbers.parse(number, region, "to", Channel.VOICE));
    }

    /**
     * Starts a call to a validated number.
     *
     * @param number the callee
     * @return a builder
     */
    public static Builder to(Phone number) {
        return new Builder(Objects.requireNonNull(number, "to"));
    }

    /** @return a builder holding this call's fields */
    public Builder toBuilder() {
        Builder b = new Builder(to);
        b.from = from;
        b.script = script;
        b.voice = voice;
        b.menu.putAll(menu);
        b.menuCallback = menuCallback;
        b.twimlUrl = twimlUrl;
        b.ringTimeout = ringTimeout;
        b.statusCallback = statusCallback;
        return b;
    }

    /** @return the callee; never null */
    public Phone to() {
        return to;
    }

    /**
     * @return the caller id, unless left to {@code comms.voice.from}
     */
    public Optional<Phone> from() {
        return Optional.ofNullable(from);
    }

    /** @return the script to speak, when the call speaks one */
    public Optional<String> script() {
        return Optional.ofNullable(script);
    }

    /**
     * @return the voice for the script; {@link Voice#AMY} unless set
     */
    public Voice voice() {
        return voice;
    }

    /**
     * @return keypad menu: key ({@code 0}-{@code 9}, {@code *}, {@code #}) to the reply spoken; never null
     */
    public Map<String, String> menu() {
        return menu;
    }

    /** @return where the provider posts the key pressed, if set */
    public Optional<URI> menuCallback() {
        return Optional.ofNullable(menuCallback);
    }

    /** @return the TwiML document the call follows, when it follows one */
    public Optional<URI> twimlUrl() {
        return Optional.ofNullable(twimlUrl);
    }

    /** @return how long to let it ring; never null */
    public Duration ringTimeout() {
        return ringTimeout;
    }

    /** @return where the provider posts call status events, if set */
    public Optional<URI> statusCallback() {
        return Optional.ofNullable(statusCallback);
    }

    /**
     * @param caller the caller id to use
     * @return the same call from the given caller id (used to apply {@code comms.voice.from})
     */
    public VoiceCall withFrom(Phone caller) {
        Builder b = toBuilder();
        b.from = caller;
        return b.build();
    }

    /** @return a summary without the script, safe for logs */
    @Override
    public String toString() {
        return "VoiceCall{to=" + to.masked() + ", " + (script != null ? "script, voice=" + voice.providerName()
                + ", menu=" + menu.size() : "twiml") + ", ringTimeout=" + ringTimeout.toSeconds() + "s}";
    }

    /** Builds a {@link VoiceCall}; not thread-safe. */
    public static final class Builder {
        private final Phone to;
        private Phone from;
        private String script;
        private Voice voice = Voice.AMY;
        private final Map<String, String> menu = new LinkedHashMap<>();
        private URI menuCallback;
        private URI twimlUrl;
        private Duration ringTimeout = DEFAULT_RING_TIMEOUT;
        private URI statusCallback;

        private Builder(Phone to) {
            this.to = to;
        }

        /**
         * @param number the caller id, in international form
         * @return this builder
         */
        public Builder from(String number) {
            this.from = PhoneNumbers.parse(number, null, "from", Channel.VOICE);
            return this;
        }

        /**
         * @param number the caller id
         * @return this builder
         */
        public Builder from(Phone number) {
            this.from = Objects.requireNonNull(number, "from");
            return this;
        }

        /**
         * @param script the text to speak
         * @return this builder
         */
        public Builder say(String script) {
            this.script = script;
            return this;
        }

        /**
         * @param voice the voice; {@link Voice#AMY} by default
         * @return this builder
         */
        public Builder voice(Voice voice) {
            this.voice = Objects.requireNonNull(voice, "voice");
            return this;
        }

        /**
         * Adds a keypad option: when the callee presses {@code key}, {@code reply} is spoken.
         *
         * @param key {@code 0}-{@code 9}, {@code *} or {@code #}
         * @param reply what to say
         * @return this builder
         */
        public Builder menu(String key, String reply) {
            if (key == null || key.length() != 1 || "0123456789*#".indexOf(key.charAt(0)) < 0) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "menu", "menu key '" + key
                        + "' must be one keypad key: 0-9, * or #", Channel.VOICE);
            }
            if (reply == null || reply.isBlank()) {
                throw new InvalidMessageException(ErrorCode.EMPTY_MESSAGE, "menu[" + key + "]", "reply is empty", Channel.VOICE);
            }
            menu.put(key, reply);
            return this;
        }

        /**
         * @param url where to post the key pressed
         * @return this builder
         */
        public Builder menuCallback(String url) {
            this.menuCallback = Text.httpUrl("menuCallback", url, Channel.VOICE);
            return this;
        }

        /**
         * @param url a TwiML document to follow instead of a script
         * @return this builder
         */
        public Builder twimlUrl(String url) {
            this.twimlUrl = Text.httpUrl("twimlUrl", url, Channel.VOICE);
            return this;
        }

        /**
         * @param timeout how long to let it ring, 5 to 600 seconds
         * @return this builder
         */
        public Builder ringTimeout(Duration timeout) {
            if (timeout == null || timeout.compareTo(Duration.ofSeconds(5)) < 0 || timeout.compareTo(Duration.ofSeconds(600)) > 0) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "ringTimeout", "ring timeout must be 5 to 600 seconds (got "
                        + (timeout == null ? "null" : timeout.toSeconds() + "s") + ")", Channel.VOICE);
            }
            this.ringTimeout = timeout;
            return this;
        }

        /**
         * @param url where to post call status events
         * @return this builder
         */
        public Builder statusCallback(String url) {
            this.statusCallback = Text.httpUrl("statusCallback", url, Channel.VOICE);
            return this;
        }

        /**
         * Validates and builds.
         *
         * @return the call
         * @throws InvalidMessageException naming the invalid field
         */
        public VoiceCall build() {
            boolean hasScript = script != null && !script.isBlank();
            if (hasScript == (twimlUrl != null)) {
                throw new InvalidMessageException(hasScript ? ErrorCode.INVALID_MESSAGE : ErrorCode.EMPTY_MESSAGE, "say",
                        hasScript ? "give either a script or a TwiML URL, not both" : "give a script to speak (say) or a TwiML URL", Channel.VOICE);
            }
            if (hasScript && script.length() > MAX_SCRIPT_LENGTH) {
                throw new InvalidMessageException(ErrorCode.MESSAGE_TOO_LONG, "say", "script is " + script.length()
                        + " characters; the limit is " + MAX_SCRIPT_LENGTH, Channel.VOICE);
            }
            if (!menu.isEmpty() && !hasScript) {
                throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "menu", "a keypad menu needs a script to speak first", Channel.VOICE);
            }
            if (hasScript) {
                for (int i = 0; i < script.length(); i++) {
                    char c = script.charAt(i);
                    if (c < 0x20 && c != '\n' && c != '\r' && c != '\t') {
                        throw new InvalidMessageException(ErrorCode.INVALID_MESSAGE, "say", String.format(
                                "contains control character U+%04X at position %d: remove it", (int) c, i), Channel.VOICE);
                    }
                }
            } else {
                script = null;
            }
            return new VoiceCall(this);
        }
    }
}
