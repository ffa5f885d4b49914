package dev.comms.internal;

import dev.comms.Channel;
import dev.comms.ErrorCode;
import dev.comms.InvalidMessageException;
import org.apache.commons.validator.routines.EmailValidator;

/**
 * Email address rules: Commons Validator (1.11.0 or later, which refuses NUL, BEL and ESC in quoted
 * local parts) plus the facade's own: length, invisible characters, display names apart.
 */
public final class EmailAddresses {
    /** Local addresses ({@code user@localhost}) are refused; top-level-domain-only hosts are allowed. */
    private static final EmailValidator VALIDATOR = EmailValidator.getInstance(false, true);
    /** RFC 5321 path limit less the angle brackets. */
    public static final int MAX_LENGTH = 254;

    private EmailAddresses() {
    }

    /**
     * Validates an address.
     *
     * @param address the address
     * @param field the message field for errors
     * @return the stripped address
     * @throws InvalidMessageException with {@link ErrorCode#INVALID_EMAIL}
     */
    public static String validate(String address, String field) {
        if (address == null || address.isBlank()) {
            throw invalid(field, "email address is missing: give one such as ada@example.com");
        }
        String a = address.strip();
        if (a.length() > MAX_LENGTH) {
            throw invalid(field, "email address is " + a.length() + " characters long; the limit is " + MAX_LENGTH);
        }
        for (int i = 0; i < a.length(); i++) {
            char c = a.charAt(i);
            if (Text.isHeaderUnsafe(c)) {
                throw invalid(field, "email address contains a control character or line break: remove it");
            }
            if (Text.isInvisibleFormat(c)) {
                throw invalid(field, "email address '" + Text.printable(a)
                        + "' contains an invisible formatting character (zero-width or bidirectional): remove it");
            }
        }
        if (a.indexOf('<') >= 0 || a.indexOf(',') >= 0 && a.indexOf('"') < 0) {
            throw invalid(field, "'" + a + "' is not a single bare address: pass one address per entry and the display name separately");
        }
        if (!VALIDATOR.isValid(a)) {
            throw invalid(field, "'" + a + "' is not a valid email address: it should look like ada@example.com");
        }
        return a;
    }

    /**
     * Validates a display name: no line breaks or control characters.
     *
     * @param name the display name or null
     * @param field the message field for errors
     */
    public static void validateDisplayName(String name, String field) {
        if (name == null) {
            return;
        }
        Text.headerSafe(field + ".displayName", name, Channel.EMAIL);
        for (int i = 0; i < name.length(); i++) {
            if (Text.isInvisibleFormat(name.charAt(i))) {
                throw new InvalidMessageException(ErrorCode.INVALID_HEADER, field + ".displayName",
                        "contains an invisible formatting character (zero-width or bidirectional): remove it", Channel.EMAIL);
            }
        }
        if (name.length() > 200) {
            throw new InvalidMessageException(ErrorCode.INVALID_HEADER, field + ".displayName",
                    "is " + name.length() + " characters long; keep it under 200", Channel.EMAIL);
        }
    }

    private static InvalidMessageException invalid(String field, String message) {
        return new InvalidMessageException(ErrorCode.INVALID_EMAIL, field, message, Channel.EMAIL);
    }
}
