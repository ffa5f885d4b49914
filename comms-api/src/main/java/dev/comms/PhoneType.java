package dev.comms;

/** The kind of line a phone number belongs to, as libphonenumber's metadata says. */
public enum PhoneType {
    /** A mobile number. */
    MOBILE,
    /** A landline. Valid for calls, not for SMS under the default policy. */
    FIXED_LINE,
    /** Either (the whole of North America): accepted for SMS. */
    FIXED_LINE_OR_MOBILE,
    /** Freephone. */
    TOLL_FREE,
    /** Premium rate. */
    PREMIUM_RATE,
    /** Shared cost. */
    SHARED_COST,
    /** Voice over IP. */
    VOIP,
    /** Personal numbers that forward elsewhere. */
    PERSONAL_NUMBER,
    /** Pagers. */
    PAGER,
    /** Universal access numbers. */
    UAN,
    /** Voicemail access. */
    VOICEMAIL,
    /** Valid, but of a type the metadata does not know. */
    UNKNOWN;

    /** @return true for the types SMS accepts under the default (strict) policy: mobile, or fixed-line-or-mobile */
    public boolean isMobileCapable() {
        return this == MOBILE || this == FIXED_LINE_OR_MOBILE;
    }
}
