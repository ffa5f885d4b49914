package dev.comms.spi;

import dev.comms.Mode;
import java.time.Instant;
import java.util.Objects;

/**
 * A hold whose send's outcome is unknown, as {@link CreditMeter#unknownOutcomes} lists it.
 *
 * @param holdId the hold
 * @param account the account
 * @param mode live or test
 * @param query what to ask the provider
 * @param leaseEnd when the hold is committed if nothing is learnt before
 */
public record UnknownOutcome(String holdId, String account, Mode mode, SentQuery query, Instant leaseEnd) {
    /**
     * Checks the components.
     *
     * @param holdId the hold
     * @param account the account
     * @param mode live or test
     * @param query what to ask the provider
     * @param leaseEnd when the hold is committed if nothing is learnt before
     */
    public UnknownOutcome {
        Objects.requireNonNull(holdId, "holdId");
        Objects.requireNonNull(account, "account");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(query, "query");
        Objects.requireNonNull(leaseEnd, "leaseEnd");
    }
}
