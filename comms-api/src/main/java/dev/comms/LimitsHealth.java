package dev.comms;

/**
 * The limits in force on one channel and what they did: shown in {@link ChannelHealth}.
 *
 * @param rate the default rate per account, such as {@code 100/1m}, or empty when none
 * @param concurrency the default sends in flight per account (for voice: calls in progress), or 0 when none
 * @param inFlight sends (calls) holding a concurrency slot in this facade now
 * @param refused sends refused by a limit since the facade was built
 * @param blindAdmissions sends admitted without checking because the limit store was unreachable and
 *     {@code comms.limits.on-store-failure=admit}
 */
public record LimitsHealth(String rate, int concurrency, int inFlight, long refused, long blindAdmissions) {
    /** No limit in force. */
    public static final LimitsHealth NONE = new LimitsHealth("", 0, 0, 0, 0);

    /**
     * Checks the components.
     *
     * @param rate the default rate, or empty
     * @param concurrency the default concurrency, or 0
     * @param inFlight slots held now
     * @param refused refusals so far
     * @param blindAdmissions admissions made blind
     */
    public LimitsHealth {
        java.util.Objects.requireNonNull(rate, "rate");
    }
}
