package dev.comms.internal;

import com.google.i18n.phonenumbers.NumberParseException;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.i18n.phonenumbers.Phonenumber.PhoneNumber;
import dev.comms.Channel;
import dev.comms.ErrorCode;
import dev.comms.InvalidMessageException;
import dev.comms.Phone;
import dev.comms.PhoneType;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Phone validation with libphonenumber, behind a strict character pre-check and a bounded cache.
 *
 * <p>libphonenumber parses leniently (letters become digits, {@code ++44} and full-width digits are
 * read), so inputs are first limited to digits, spaces and {@code + - ( ) .}. Numbers must pass
 * {@code isValidNumber} (a real range), not just {@code isPossibleNumber} (a plausible length), and
 * must not carry an extension, which E.164 would silently drop.
 */
public final class PhoneNumbers {
    private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();
    /** Bounded: when full it is cleared, which keeps memory flat under hostile input at the cost of a re-parse. */
    private static final int CACHE_LIMIT = 10_000;
    private static final ConcurrentHashMap<String, Phone> CACHE = new ConcurrentHashMap<>();

    private PhoneNumbers() {
    }

    /**
     * Parses and validates a number.
     *
     * @param input the number as given
     * @param region an ISO region for local numbers, or null for international form
     * @param field the message field, for the error
     * @param channel the channel, for the error, or null
     * @return the validated number
     * @throws InvalidMessageException with {@link ErrorCode#INVALID_PHONE}
     */
    public static Phone parse(String input, String region, String field, Channel channel) {
        if (input == null || input.isBlank()) {
            throw invalid(field, "Phone number is missing: give it in E.164 form, for example +447123456789", channel);
        }
        String key = region == null ? input : input + '|' + region;
        Phone cached = CACHE.get(key);
        if (cached != null) {
            return cached;
        }
        Phone phone = validate(input, region, field, channel);
        if (CACHE.size() >= CACHE_LIMIT) {
            CACHE.clear();
        }
        CACHE.put(key, phone);
        return phone;
    }

    private static Phone validate(String input, String region, String field, Channel channel) {
        int digits = 0;
        for (int i = 0; i < input.length(); i++) {
            char c = input.charAt(i);
            if (c >= '0' && c <= '9') {
                digits++;
            } else if (c != ' ' && c != '+' && c != '-' && c != '(' && c != ')' && c != '.') {
                throw invalid(field, "Phone number may contain only digits, spaces and + - ( ) . (got "
                        + mask(input) + "); extensions and letters are not accepted", channel);
            }
        }
        String trimmed = input.strip();
        if (digits == 0) {
            throw invalid(field, "Phone number has no digits: give it in E.164 form, for example +447123456789", channel);
        }
        if (trimmed.indexOf('+', 1) >= 0) {
            throw invalid(field, "Phone number may have one leading + only (got " + mask(input) + ")", channel);
        }
        String regionCode = null;
        String toParse = trimmed;
        if (region != null) {
            regionCode = region.strip().toUpperCase(Locale.ROOT);
            if (!UTIL.getSupportedRegions().contains(regionCode)) {
                throw invalid(field, "Unknown region '" + region + "': use an ISO 3166 alpha-2 code such as GB or US", channel);
            }
        } else if (!trimmed.startsWith("+")) {
            // Relatel style: country code and digits, no plus sign.
            toParse = "+" + trimmed;
        }
        PhoneNumber number;
        try {
            number = UTIL.parse(toParse, regionCode);
        } catch (NumberParseException e) {
            String why = switch (e.getErrorType()) {
                case INVALID_COUNTRY_CODE -> "Phone number must include a valid country code";
                case TOO_SHORT_NSN, TOO_SHORT_AFTER_IDD -> "Phone number is too short";
                case TOO_LONG -> "Phone number is too long";
                default -> "Phone number is not a number";
            };
            throw invalid(field, why + " (got " + mask(input) + "); give it in E.164 form, for example +447123456789", channel);
        }
        if (number.hasExtension()) {
            throw invalid(field, "Phone number has an extension, which SMS and calls cannot dial: remove it", channel);
        }
        if (!UTIL.isValidNumber(number)) {
            String numberRegion = UTIL.getRegionCodeForCountryCode(number.getCountryCode());
            throw invalid(field, "Phone number " + mask(input) + " is not a valid number"
                    + ("ZZ".equals(numberRegion) ? "" : " for region " + numberRegion)
                    + ": check the digits and the country code", channel);
        }
        String e164 = UTIL.format(number, PhoneNumberUtil.PhoneNumberFormat.E164);
        String numberRegion = UTIL.getRegionCodeForNumber(number);
        return new Phone(e164, numberRegion == null ? "ZZ" : numberRegion, type(UTIL.getNumberType(number)));
    }

    private static PhoneType type(PhoneNumberUtil.PhoneNumberType t) {
        return switch (t) {
            case MOBILE -> PhoneType.MOBILE;
            case FIXED_LINE -> PhoneType.FIXED_LINE;
            case FIXED_LINE_OR_MOBILE -> PhoneType.FIXED_LINE_OR_MOBILE;
            case TOLL_FREE -> PhoneType.TOLL_FREE;
            case PREMIUM_RATE -> PhoneType.PREMIUM_RATE;
            case SHARED_COST -> PhoneType.SHARED_COST;
            case VOIP -> PhoneType.VOIP;
            case PERSONAL_NUMBER -> PhoneType.PERSONAL_NUMBER;
            case PAGER -> PhoneType.PAGER;
            case UAN -> PhoneType.UAN;
            case VOICEMAIL -> PhoneType.VOICEMAIL;
            default -> PhoneType.UNKNOWN;
        };
    }

    private static InvalidMessageException invalid(String field, String message, Channel channel) {
        return new InvalidMessageException(ErrorCode.INVALID_PHONE, field, message, channel);
    }

    /**
     * Masks the middle of a number for logs and error messages: the first five and last three
     * characters stay ({@code +4471*****789}); short inputs keep less.
     *
     * @param number any string
     * @return the masked form; never null
     */
    public static String mask(String number) {
        if (number == null) {
            return "null";
        }
        String s = number.strip();
        int n = s.length();
        if (n <= 4) {
            return "*".repeat(n);
        }
        int head = n >= 12 ? 5 : Math.min(3, n / 3);
        int tail = n >= 10 ? 3 : 2;
        return s.substring(0, head) + "*".repeat(n - head - tail) + s.substring(n - tail);
    }
}
