package dev.comms.spi;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Reads a provider's "wait before retrying" hint into a {@link Duration} for
 * {@link dev.comms.ProviderException.Builder#retryAfter}: the standard {@code Retry-After} header
 * (delta seconds, fractions allowed, or an HTTP date) and epoch-second reset headers such as
 * SendGrid's {@code X-RateLimit-Reset}. Results are clamped to between zero and one day; an unreadable
 * value is no hint at all.
 */
public final class RetryAfter {
    /** The longest wait a hint may ask for. */
    public static final Duration MAX = Duration.ofDays(1);

    private RetryAfter() {
    }

    /**
     * @param value a {@code Retry-After} value: {@code "7"}, {@code "1.5"} or an RFC 1123 date; may be null
     * @param now the current time, for a date
     * @return the wait, if the value is readable
     */
    public static Optional<Duration> parse(String value, Instant now) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        String v = value.strip();
        try {
            double seconds = Double.parseDouble(v);
            return Double.isFinite(seconds) ? Optional.of(clamp(Duration.ofMillis((long) (Math.min(seconds, MAX.toSeconds()) * 1000))))
                    : Optional.empty();
        } catch (NumberFormatException notSeconds) {
            try {
                return Optional.of(clamp(Duration.between(now, ZonedDateTime.parse(v, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant())));
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /**
     * @param epochSeconds when the limit resets, in seconds since the epoch; may be null
     * @param now the current time
     * @return the wait until then, if the value is readable
     */
    public static Optional<Duration> untilEpochSecond(String epochSeconds, Instant now) {
        if (epochSeconds == null || epochSeconds.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(clamp(Duration.between(now, Instant.ofEpochSecond(Long.parseLong(epochSeconds.strip())))));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Optional.empty();
        }
    }

    private static Duration clamp(Duration d) {
        return d.isNegative() ? Duration.ZERO : d.compareTo(MAX) > 0 ? MAX : d;
    }
}
