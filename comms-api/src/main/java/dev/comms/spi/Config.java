package dev.comms.spi;

import dev.comms.CommsConfigurationException;
import java.time.Duration;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Read access to the facade's resolved configuration: values set in code, then system properties,
 * then environment variables, then {@code comms.properties}, in that order of precedence.
 *
 * <p>Thread-safety: immutable once the facade is built.
 */
public interface Config {
    /**
     * @param key the full key, such as {@code comms.twilio.account-sid}
     * @return the value, if set (blank values count as unset)
     */
    Optional<String> get(String key);

    /** @return every key that has a value */
    Set<String> keys();

    /**
     * @param key the full key
     * @return the value
     * @throws CommsConfigurationException naming the key and its environment variable if unset
     */
    default String require(String key) {
        return get(key).orElseThrow(() -> new CommsConfigurationException("'" + key + "' is not set: set it in code, as a system property, in comms.properties or as the environment variable " + ConfigKey.envName(key)));
    }

    /**
     * @param key the full key
     * @param defaultValue used when unset
     * @return the value as a boolean
     * @throws CommsConfigurationException if it is neither true nor false
     */
    default boolean getBoolean(String key, boolean defaultValue) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        String s = v.get().strip().toLowerCase(Locale.ROOT);
        if (s.equals("true") || s.equals("false")) {
            return s.equals("true");
        }
        throw new CommsConfigurationException("'" + key + "' must be true or false (got '" + v.get() + "')");
    }

    /**
     * @param key the full key
     * @param defaultValue used when unset
     * @return the value as an int
     * @throws CommsConfigurationException if it is not a whole number
     */
    default int getInt(String key, int defaultValue) {
        Optional<String> v = get(key);
        if (v.isEmpty()) {
            return defaultValue;
        }
        try {
            return Integer.parseInt(v.get().strip());
        } catch (NumberFormatException e) {
            throw new CommsConfigurationException("'" + key + "' must be a whole number (got '" + v.get() + "')");
        }
    }

    /**
     * Reads a duration written {@code 500ms}, {@code 30s}, {@code 2m}, {@code 1h}, {@code 1d} or ISO-8601 ({@code PT30S}).
     *
     * @param key the full key
     * @param defaultValue used when unset
     * @return the value
     * @throws CommsConfigurationException if it cannot be read
     */
    default Duration getDuration(String key, Duration defaultValue) {
        Optional<String> v = get(key);
        return v.isEmpty() ? defaultValue : parseDuration(key, v.get());
    }

    /**
     * Parses a duration as {@link #getDuration} does.
     *
     * @param key the key, for the error
     * @param value the text
     * @return the duration
     */
    static Duration parseDuration(String key, String value) {
        String s = value.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            int i = 0;
            while (i < s.length() && Character.isDigit(s.charAt(i))) {
                i++;
            }
            long n = Long.parseLong(s.substring(0, i));
            String unit = s.substring(i).strip();
            Duration d = switch (unit) {
                case "ms" -> Duration.ofMillis(n);
                case "s", "" -> Duration.ofSeconds(n);
                case "m", "min" -> Duration.ofMinutes(n);
                case "h" -> Duration.ofHours(n);
                case "d" -> Duration.ofDays(n);
                default -> null;
            };
            if (d != null) {
                return d;
            }
        } catch (RuntimeException e) {
            // fall through to the error below
        }
        throw new CommsConfigurationException("'" + key + "' must be a duration such as 500ms, 30s, 2m or PT30S (got '" + value + "')");
    }
}
