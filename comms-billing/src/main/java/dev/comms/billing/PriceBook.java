package dev.comms.billing;

import dev.comms.Channel;
import dev.comms.CommsConfigurationException;
import dev.comms.Money;
import dev.comms.spi.Usage;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What each send costs, in micro-pence. Defaults are the hosted API's: SMS 3p per segment, voice 7p
 * per started minute, email 0.15p per recipient, AI 15p per request (token prices optional, 0 by
 * default). SMS and voice prices can be multiplied per destination country.
 *
 * <p>Email is priced per recipient (to + cc + bcc), not per message: providers bill per mailbox
 * reached, and a message to 50 people is 50 emails to them. AI is priced per request plus optional
 * per-token prices; the estimate holds for the request's token limit.
 *
 * <p>A multiplier is a decimal with at most 6 places ({@code "1.5"}); the multiplied price is rounded
 * half-up to the micro-penny. Arithmetic is exact: an overflow is an error, never a wrap.
 *
 * <pre>{@code
 * PriceBook prices = PriceBook.builder().sms(Money.parse("3p")).smsMultiplier("US", "0.5").build();
 * prices.cost(Usage.sms(2), "US");   // 3p
 * }</pre>
 */
public final class PriceBook {
    /** The hosted API's prices. */
    public static final PriceBook DEFAULT = builder().build();

    private final Money sms;
    private final Money voice;
    private final Money email;
    private final Money ai;
    private final Money aiPromptToken;
    private final Money aiCompletionToken;
    private final Map<String, BigDecimal> smsMultipliers;
    private final Map<String, BigDecimal> voiceMultipliers;
    private final Instant effectiveFrom;

    private PriceBook(Builder b) {
        this.sms = b.sms;
        this.voice = b.voice;
        this.email = b.email;
        this.ai = b.ai;
        this.aiPromptToken = b.aiPromptToken;
        this.aiCompletionToken = b.aiCompletionToken;
        this.smsMultipliers = Map.copyOf(b.smsMultipliers);
        this.voiceMultipliers = Map.copyOf(b.voiceMultipliers);
        this.effectiveFrom = b.effectiveFrom;
    }

    /** @return a builder starting from the defaults */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Reads prices from settings: {@code comms.price.sms}, {@code .voice}, {@code .email}, {@code .ai},
     * {@code .ai.prompt-token}, {@code .ai.completion-token} (amounts such as {@code 3p} or
     * {@code 0.15}), {@code comms.price.sms.multiplier.<REGION>} and
     * {@code comms.price.voice.multiplier.<REGION>} (decimals), {@code comms.price.effective-from}
     * (an ISO instant). Missing keys keep the defaults; every bad value is reported at once.
     *
     * @param settings the settings
     * @return the price book
     * @throws CommsConfigurationException listing every bad value
     */
    public static PriceBook fromSettings(Map<String, String> settings) {
        Builder b = builder();
        List<String> problems = new ArrayList<>();
        for (Map.Entry<String, String> e : settings.entrySet()) {
            String k = e.getKey();
            if (!k.startsWith("comms.price.")) {
                continue;
            }
            String v = e.getValue();
            try {
                switch (k) {
                    case "comms.price.sms" -> b.sms(Money.parse(v));
                    case "comms.price.voice" -> b.voice(Money.parse(v));
                    case "comms.price.email" -> b.email(Money.parse(v));
                    case "comms.price.ai" -> b.ai(Money.parse(v));
                    case "comms.price.ai.prompt-token" -> b.aiPromptToken(Money.parse(v));
                    case "comms.price.ai.completion-token" -> b.aiCompletionToken(Money.parse(v));
                    case "comms.price.effective-from" -> b.effectiveFrom(Instant.parse(v.strip()));
                    default -> {
                        if (k.startsWith("comms.price.sms.multiplier.")) {
                            b.smsMultiplier(k.substring("comms.price.sms.multiplier.".length()), v);
                        } else if (k.startsWith("comms.price.voice.multiplier.")) {
                            b.voiceMultiplier(k.substring("comms.price.voice.multiplier.".length()), v);
                        } else {
                            problems.add(k + ": unknown price setting (known: comms.price.sms, .voice, .email, .ai, "
                                    + ".ai.prompt-token, .ai.completion-token, .sms.multiplier.<REGION>, .voice.multiplier.<REGION>, "
                                    + ".effective-from)");
                        }
                    }
                }
            } catch (RuntimeException ex) {
                problems.add(k + "='" + v + "': " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new CommsConfigurationException(problems);
        }
        return b.build();
    }

    /**
     * Reads prices from {@code comms.price.*} properties (for example a loaded {@code comms.properties});
     * other keys are ignored.
     *
     * @param properties the properties
     * @return the price book
     * @throws CommsConfigurationException listing every bad value
     */
    public static PriceBook fromProperties(java.util.Properties properties) {
        Map<String, String> m = new HashMap<>();
        for (String k : properties.stringPropertyNames()) {
            m.put(k, properties.getProperty(k));
        }
        return fromSettings(m);
    }

    /**
     * Prices usage.
     *
     * @param usage what was (or will be) used
     * @param region ISO region of the destination ({@code ZZ} if unknown)
     * @return the cost
     * @throws ArithmeticException on overflow
     */
    public Money cost(Usage usage, String region) {
        return switch (usage.channel()) {
            case SMS -> multiply(sms.times(usage.units()), smsMultipliers.get(norm(region)));
            case VOICE -> multiply(voice.times(usage.units()), voiceMultipliers.get(norm(region)));
            case EMAIL -> email.times(Math.multiplyExact(usage.units(), (long) Math.max(1, usage.recipients())));
            case AI -> ai.times(usage.units()).plus(aiPromptToken.times(usage.promptTokens()))
                    .plus(aiCompletionToken.times(usage.completionTokens()));
        };
    }

    private static Money multiply(Money m, BigDecimal multiplier) {
        if (multiplier == null) {
            return m;
        }
        BigDecimal v = BigDecimal.valueOf(m.microPence()).multiply(multiplier).setScale(0, RoundingMode.HALF_UP);
        return Money.ofMicroPence(v.longValueExact());
    }

    private static String norm(String region) {
        return region == null ? "ZZ" : region.toUpperCase(Locale.ROOT);
    }

    /**
     * @param channel a channel
     * @return the base unit price of the channel
     */
    public Money unitPrice(Channel channel) {
        return switch (channel) {
            case SMS -> sms;
            case VOICE -> voice;
            case EMAIL -> email;
            case AI -> ai;
        };
    }

    /** @return when these prices start to apply, if set */
    public Optional<Instant> effectiveFrom() {
        return Optional.ofNullable(effectiveFrom);
    }

    @Override
    public String toString() {
        return "PriceBook[sms=" + sms.format() + "/segment, voice=" + voice.format() + "/minute, email=" + email.format()
                + "/recipient, ai=" + ai.format() + "/request, smsMultipliers=" + smsMultipliers + ", voiceMultipliers="
                + voiceMultipliers + (effectiveFrom == null ? "" : ", from " + effectiveFrom) + "]";
    }

    /** Builds a price book; starts from the defaults. */
    public static final class Builder {
        private Money sms = Money.ofPence(3);
        private Money voice = Money.ofPence(7);
        private Money email = Money.parse("0.15");
        private Money ai = Money.ofPence(15);
        private Money aiPromptToken = Money.ZERO;
        private Money aiCompletionToken = Money.ZERO;
        private final Map<String, BigDecimal> smsMultipliers = new HashMap<>();
        private final Map<String, BigDecimal> voiceMultipliers = new HashMap<>();
        private Instant effectiveFrom;

        private Builder() {
        }

        private static Money price(Money m, String what) {
            Objects.requireNonNull(m, what);
            if (m.isNegative()) {
                throw new IllegalArgumentException(what + " price must not be negative: " + m.format());
            }
            return m;
        }

        /**
         * @param price per segment
         * @return this
         */
        public Builder sms(Money price) {
            this.sms = price(price, "SMS");
            return this;
        }

        /**
         * @param price per started minute
         * @return this
         */
        public Builder voice(Money price) {
            this.voice = price(price, "voice");
            return this;
        }

        /**
         * @param price per recipient
         * @return this
         */
        public Builder email(Money price) {
            this.email = price(price, "email");
            return this;
        }

        /**
         * @param price per request
         * @return this
         */
        public Builder ai(Money price) {
            this.ai = price(price, "AI");
            return this;
        }

        /**
         * @param price per prompt token
         * @return this
         */
        public Builder aiPromptToken(Money price) {
            this.aiPromptToken = price(price, "AI prompt token");
            return this;
        }

        /**
         * @param price per completion token
         * @return this
         */
        public Builder aiCompletionToken(Money price) {
            this.aiCompletionToken = price(price, "AI completion token");
            return this;
        }

        /**
         * @param region ISO region such as {@code US}
         * @param multiplier a decimal such as {@code "1.5"}, at most 6 places
         * @return this
         */
        public Builder smsMultiplier(String region, String multiplier) {
            smsMultipliers.put(region(region), multiplier(multiplier));
            return this;
        }

        /**
         * @param region ISO region
         * @param multiplier a decimal, at most 6 places
         * @return this
         */
        public Builder voiceMultiplier(String region, String multiplier) {
            voiceMultipliers.put(region(region), multiplier(multiplier));
            return this;
        }

        /**
         * @param from when these prices start to apply
         * @return this
         */
        public Builder effectiveFrom(Instant from) {
            this.effectiveFrom = from;
            return this;
        }

        private static String region(String region) {
            if (region == null || !region.matches("[A-Za-z]{2}")) {
                throw new IllegalArgumentException("region must be a two-letter ISO code such as GB, not '" + region + "'");
            }
            return region.toUpperCase(Locale.ROOT);
        }

        private static BigDecimal multiplier(String text) {
            BigDecimal m;
            try {
                m = new BigDecimal(Objects.requireNonNull(text, "multiplier").strip());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("multiplier '" + text + "' is not a decimal number such as 1.5", e);
            }
            if (m.signum() < 0 || m.scale() > 6) {
                throw new IllegalArgumentException("multiplier '" + text + "' must be a non-negative decimal with at most 6 places");
            }
            return m;
        }

        /** @return the price book */
        public PriceBook build() {
            return new PriceBook(this);
        }
    }
}
