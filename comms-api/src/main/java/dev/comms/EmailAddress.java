package dev.comms;

import dev.comms.internal.EmailAddresses;
import java.util.Objects;
import java.util.Optional;

/**
 * A validated email address with an optional display name, kept apart from the address so the two
 * are never concatenated into a header by hand.
 *
 * <p>Addresses are checked with Apache Commons Validator and the facade's own rules: at most 254
 * characters, no control, zero-width or bidirectional-override characters, no {@code Name <addr>}
 * forms or lists. Display names may not hold line breaks or control characters.
 */
public final class EmailAddress {
    private final String address;
    private final String displayName;

    private EmailAddress(String address, String displayName) {
        this.address = address;
        this.displayName = displayName;
    }

    /**
     * Validates an address.
     *
     * @param address for example {@code ada@example.com}
     * @return the address
     * @throws InvalidMessageException with {@link ErrorCode#INVALID_EMAIL}
     */
    public static EmailAddress of(String address) {
        return of(address, null);
    }

    /**
     * Validates an address with a display name.
     *
     * @param address for example {@code ada@example.com}
     * @param displayName for example {@code Ada Lovelace}, or null for none
     * @return the address
     * @throws InvalidMessageException with {@link ErrorCode#INVALID_EMAIL} or {@link ErrorCode#INVALID_HEADER}
     */
    public static EmailAddress of(String address, String displayName) {
        return parse(address, displayName, "address");
    }

    /**
     * Validation entry point used by the message builders, naming the message field in errors.
     *
     * @param address the address
     * @param displayName the display name or null
     * @param field the field to name in errors ({@code to}, {@code from}, ...)
     * @return the address
     */
    static EmailAddress parse(String address, String displayName, String field) {
        String a = EmailAddresses.validate(address, field);
        // Checked before trimming: strip() would silently remove a trailing CR, LF or U+2028, and a
        // header-bound value that carried one is refused, not repaired.
        EmailAddresses.validateDisplayName(displayName, field);
        String name = displayName == null || displayName.isBlank() ? null : displayName.strip();
        return new EmailAddress(a, name);
    }

    /** @return the bare address; never null */
    public String address() {
        return address;
    }

    /** @return the display name, if one was given */
    public Optional<String> displayName() {
        return Optional.ofNullable(displayName);
    }

    /**
     * @param name the display name, or null
     * @return a copy with the given display name (null removes it)
     */
    public EmailAddress withDisplayName(String name) {
        return parse(address, name, "displayName");
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof EmailAddress e && e.address.equals(address) && Objects.equals(e.displayName, displayName);
    }

    @Override
    public int hashCode() {
        return Objects.hash(address, displayName);
    }

    /**
     * @return the address, with its display name for readability ({@code "Ada" <ada@example.com>}); for logs and debugging only
     */
    @Override
    public String toString() {
        return displayName == null ? address : '"' + displayName + "\" <" + address + '>';
    }
}
