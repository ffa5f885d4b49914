package dev.comms.spi;

import java.util.Objects;

/** The answer of an {@link OutcomeLookup}. */
public sealed interface LookupResult {
    /**
     * The provider has the message: it was sent, and the hold is committed.
     *
     * @param providerMessageId the provider's id for it
     */
    record Accepted(String providerMessageId) implements LookupResult {
        /**
         * Checks the components.
         *
         * @param providerMessageId the provider's id for it
         */
        public Accepted {
            Objects.requireNonNull(providerMessageId, "providerMessageId");
        }
    }

    /** The provider certainly has no such message: nothing was sent, and the hold is released. */
    record NotAccepted() implements LookupResult {
    }

    /**
     * The provider cannot tell yet (its list may lag): ask again later; at the end of the lease the
     * hold is committed and reported.
     *
     * @param reason why, for logs
     */
    record Unknown(String reason) implements LookupResult {
        /**
         * Checks the components.
         *
         * @param reason why, for logs
         */
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }
}
