package dev.comms.spi;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;

/**
 * A rate: at most {@code count} units in any window of {@code period} (a sliding window, not a
 * calendar minute), written {@code 100/1m}.
 *
 * @param count the units allowed per period; at least 1
 * @param period the period; positive
 */
public record RateLimit(long count, Duration period) {
    /**
     * Checks the components.
     *
     * @param count the units allowed per period
     * @param period the period
     */
    public RateLimit {
        Objects.requireNonNull(period, "period");
        if (count < 1) {
            throw new IllegalArgumentException("a rate needs a count of at least 1, not " + count);
        }
        if (period.isNegative() || period.isZero()) {
            throw new IllegalArgumentException("a rate needs a positive period, not " + period);
        }
    }

    /**
     * Parses {@code 100/1m}, {@code 10/min}, {@code 5/30s}, {@code 1000/1h}.
     *
     * @param text the rate
     * @return the rate
     * @throws IllegalArgumentException naming the expected form
     */
    public static RateLimit parse(String text) {
        String t = text == null ? "" : text.strip().toLowerCase(Locale.ROOT);
        int slash = t.indexOf('/');
        try {
            if (slash < 1) {
                throw new IllegalArgumentException();
            }
            long count = Long.parseLong(t.substring(0, slash).strip());
            String p = t.substring(slash + 1).strip();
            switch (p) {
                case "s", "sec", "second" -> p = "1s";
                case "m", "min", "minute" -> p = "1m";
                case "h", "hour" -> p = "1h";
                case "d", "day" -> p = "1d";
                default -> {
                }
            }
            int i = 0;
            while (i < p.length() && Character.isDigit(p.charAt(i))) {
                i++;
            }
            long n = Long.parseLong(p.substring(0, i));
            Duration unit = switch (p.substring(i)) {
                case "ms" -> Duration.ofMillis(1);
                case "s" -> Duration.ofSeconds(1);
                case "m", "min" -> Duration.ofMinutes(1);
                case "h" -> Duration.ofHours(1);
                case "d" -> Duration.ofDays(1);
                default -> throw new IllegalArgumentException();
            };
            return new RateLimit(count, unit.multipliedBy(n));
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("a rate is written count/period, such as 100/1m, 10/min or 5/30s, not '" + text + "'");
        }
    }

    @Override
    public String toString() {
        long s = period.toSeconds();
        String p = s % 3600 == 0 && s > 0 ? s / 3600 + "h" : s % 60 == 0 && s > 0 ? s / 60 + "m" : period.toMillis() % 1000 == 0 ? s + "s"
                : period.toMillis() + "ms";
        return count + "/" + p;
    }
}
