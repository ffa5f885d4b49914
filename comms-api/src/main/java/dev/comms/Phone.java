package dev.comms;

import dev.comms.internal.PhoneNumbers;
import java.util.Objects;

/**
 * A validated phone number in E.164 form ({@code +447123456789}).
 *
 * <p>Accepted inputs: E.164 ({@code +447123456789}, spaces, dashes, dots and brackets allowed),
 * digits with the country code but no {@code +} ({@code 4571999999}, as Relatel takes them), or a
 * local number with an ISO region ({@code Phone.of("4252337837", "US")}, as Voice2Phone takes them).
 * The number must be valid (a real, allocated range), not merely of a possible length; extensions
 * and letters are refused. Validation uses libphonenumber; results are cached in a bounded cache.
 *
 * <p>{@link #toString()} masks the middle digits so a number can be logged; {@link #e164()} is the
 * full number.
 */
public final class Phone {
    private final String e164;
    private final String region;
    private final PhoneType type;

    /**
     * Used by the validator; call {@link #of(String)} instead.
     *
     * @param e164 the number in E.164
     * @param region the ISO 3166 region the number belongs to
     * @param type the line type
     */
    public Phone(String e164, String region, PhoneType type) {
        this.e164 = Objects.requireNonNull(e164, "e164");
        this.region = Objects.requireNonNull(region, "region");
        this.type = Objects.requireNonNull(type, "type");
    }

    /**
     * Validates a number in international form (with or without the leading {@code +}).
     *
     * @param number the number
     * @return the validated number
     * @throws InvalidMessageException with {@link ErrorCode#INVALID_PHONE} naming the fix
     */
    public static Phone of(String number) {
        return PhoneNumbers.parse(number, null, "phone", null);
    }

    /**
     * Validates a number written as it is dialled in {@code region} (or in international form).
     *
     * @param number the number, for example {@code "4252337837"} or {@code "07123 456789"}
     * @param region the ISO 3166 alpha-2 region, for example {@code "US"} or {@code "GB"}
     * @return the validated number
     * @throws InvalidMessageException with {@link ErrorCode#INVALID_PHONE} naming the fix
     */
    public static Phone of(String number, String region) {
        return PhoneNumbers.parse(number, region, "phone", null);
    }

    /**
     * @return the number in E.164, for example {@code +447123456789}; never null
     */
    public String e164() {
        return e164;
    }

    /**
     * @return the ISO 3166 alpha-2 region the number is allocated to, for example {@code GB}; never null
     */
    public String region() {
        return region;
    }

    /** @return the line type; never null */
    public PhoneType type() {
        return type;
    }

    /**
     * @return the number with its middle digits masked ({@code +4471*****789}), safe for logs
     */
    public String masked() {
        return PhoneNumbers.mask(e164);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Phone p && p.e164.equals(e164);
    }

    @Override
    public int hashCode() {
        return e164.hashCode();
    }

    /**
     * @return the masked number; use {@link #e164()} for the full one
     */
    @Override
    public String toString() {
        return masked();
    }
}
