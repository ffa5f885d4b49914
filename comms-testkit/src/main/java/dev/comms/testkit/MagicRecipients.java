package dev.comms.testkit;

import java.time.Duration;

/**
 * Recipients whose outcome is fixed, like GOV.UK Notify's test numbers: send to them from any test
 * (or from the CLI's sandbox) to see each failure without scripting. Every other recipient delivers.
 *
 * <p>The numbers are valid UK mobile numbers (libphonenumber accepts them); the addresses use the
 * reserved {@code example.com} domain; the AI "recipients" are model names.
 */
public final class MagicRecipients {
    /** Always delivers. */
    public static final String DELIVERS = "+447123000000";
    /** Always fails temporarily: 503, not sent (the facade retries, then fails over). */
    public static final String TEMPORARY_FAILURE = "+447123000001";
    /** Always fails permanently: 400, invalid recipient. */
    public static final String PERMANENT_FAILURE = "+447123000002";
    /** Always rate limited: 429 with Retry-After 1 s. */
    public static final String RATE_LIMITED = "+447123000003";
    /** The fake accepts the message but the answer is lost (AMBIGUOUS). */
    public static final String AMBIGUOUS = "+447123000004";

    /** Accepted; its synthetic webhook ({@link FakeWebhooks#forOutcome}) reports {@code sms.failed}. */
    public static final String UNDELIVERABLE = "+447123000006";
    /** A call is placed; its synthetic webhook reports {@code call.no_answer}. */
    public static final String NO_ANSWER = "+447123000005";
    /** The duration a synthetic {@code call.completed} webhook reports for any other callee: two started minutes. */
    public static final Duration CALL_DURATION = Duration.ofSeconds(61);

    /** Always delivers. */
    public static final String EMAIL_DELIVERS = "delivered@example.com";

    /** Always fails temporarily. */
    public static final String EMAIL_TEMPORARY_FAILURE = "temporary-failure@example.com";
    /** Always fails permanently. */
    public static final String EMAIL_PERMANENT_FAILURE = "permanent-failure@example.com";
    /** Always rate limited. */
    public static final String EMAIL_RATE_LIMITED = "rate-limited@example.com";
    /** Accepted, answer lost. */
    public static final String EMAIL_AMBIGUOUS = "ambiguous@example.com";

    /** A model that always fails temporarily. */
    public static final String MODEL_TEMPORARY_FAILURE = "fake-temporary-failure";
    /** A model that always fails permanently. */
    public static final String MODEL_PERMANENT_FAILURE = "fake-permanent-failure";
    /** A model that is always rate limited. */
    public static final String MODEL_RATE_LIMITED = "fake-rate-limited";

    /** The Retry-After of the rate-limited recipients. */
    public static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private MagicRecipients() {
    }

    static Outcome forPhone(String e164) {
        return switch (e164) {
            case TEMPORARY_FAILURE -> Outcome.unavailable();
            case PERMANENT_FAILURE -> Outcome.permanent();
            case RATE_LIMITED -> Outcome.rateLimited(RETRY_AFTER);
            case AMBIGUOUS -> Outcome.ambiguous();
            default -> null;
        };
    }

    static Outcome forEmail(String address) {
        return switch (address.toLowerCase(java.util.Locale.ROOT)) {
            case EMAIL_TEMPORARY_FAILURE -> Outcome.unavailable();
            case EMAIL_PERMANENT_FAILURE -> Outcome.permanent();
            case EMAIL_RATE_LIMITED -> Outcome.rateLimited(RETRY_AFTER);
            case EMAIL_AMBIGUOUS -> Outcome.ambiguous();
            default -> null;
        };
    }

    static Outcome forModel(String model) {
        return switch (model) {
            case MODEL_TEMPORARY_FAILURE -> Outcome.unavailable();
            case MODEL_PERMANENT_FAILURE -> Outcome.permanent();
            case MODEL_RATE_LIMITED -> Outcome.rateLimited(RETRY_AFTER);
            default -> null;
        };
    }
}
