package dev.comms.spi;

import java.util.Objects;
import java.util.Optional;

/**
 * A configuration key a provider (or the facade) reads, declared so that every key is validated
 * when the facade is built and secrets are masked wherever configuration is shown.
 *
 * <p>The property {@code comms.twilio.account-sid} is also read from the environment variable
 * {@code COMMS_TWILIO_ACCOUNT_SID} (upper case, dots and dashes as underscores).
 */
public final class ConfigKey {
    private final String name;
    private final String description;
    private final boolean required;
    private final boolean secret;
    private final String defaultValue;

    private ConfigKey(String name, String description, boolean required, boolean secret, String defaultValue) {
        this.name = Objects.requireNonNull(name, "name");
        this.description = Objects.requireNonNull(description, "description");
        this.required = required;
        this.secret = secret;
        this.defaultValue = defaultValue;
        if (!name.startsWith("comms.")) {
            throw new IllegalArgumentException("configuration keys start with 'comms.': " + name);
        }
    }

    /**
     * A key the provider cannot work without.
     *
     * @param name the full key, such as {@code comms.twilio.account-sid}
     * @param description what it is, for error messages and {@code status()}
     * @return the key
     */
    public static ConfigKey required(String name, String description) {
        return new ConfigKey(name, description, true, false, null);
    }

    /**
     * A required key whose value is secret: it is masked everywhere it could be shown.
     *
     * @param name the full key
     * @param description what it is
     * @return the key
     */
    public static ConfigKey secret(String name, String description) {
        return new ConfigKey(name, description, true, true, null);
    }

    /**
     * An optional key.
     *
     * @param name the full key
     * @param description what it is
     * @param defaultValue the value when unset, or null for none
     * @return the key
     */
    public static ConfigKey optional(String name, String description, String defaultValue) {
        return new ConfigKey(name, description, false, false, defaultValue);
    }

    /**
     * An optional secret key.
     *
     * @param name the full key
     * @param description what it is
     * @return the key
     */
    public static ConfigKey optionalSecret(String name, String description) {
        return new ConfigKey(name, description, false, true, null);
    }

    /** @return the full property name; never null */
    public String name() {
        return name;
    }

    /**
     * @return the environment variable that also sets it, such as {@code COMMS_TWILIO_ACCOUNT_SID}
     */
    public String envName() {
        return envName(name);
    }

    /**
     * @param property a property name
     * @return its environment variable name
     */
    public static String envName(String property) {
        StringBuilder sb = new StringBuilder(property.length());
        for (int i = 0; i < property.length(); i++) {
            char c = property.charAt(i);
            sb.append(c == '.' || c == '-' ? '_' : Character.toUpperCase(c));
        }
        return sb.toString();
    }

    /** @return what it is; never null */
    public String description() {
        return description;
    }

    /** @return whether the provider needs it */
    public boolean isRequired() {
        return required;
    }

    /** @return whether its value must never be shown */
    public boolean isSecret() {
        return secret;
    }

    /** @return the value used when unset, if any */
    public Optional<String> defaultValue() {
        return Optional.ofNullable(defaultValue);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConfigKey k && k.name.equals(name);
    }

    @Override
    public int hashCode() {
        return name.hashCode();
    }

    @Override
    public String toString() {
        return name + (required ? " (required" + (secret ? ", secret)" : ")") : secret ? " (secret)" : "");
    }
}
