package dev.comms.testkit.contract;

/**
 * What the provider's server does with the next request, as arranged by a contract test.
 *
 * <p>Each provider module maps these onto its own stub responses (its error bodies, its rate-limit
 * header); the fakes map them onto scripted outcomes.
 */
public enum Scenario {
    /** The provider accepts the message and returns its id. */
    ACCEPTED,
    /** 429 with the provider's rate-limit header meaning "retry after 7 seconds". */
    RATE_LIMITED,
    /** 503 with the provider's JSON error body. */
    SERVER_ERROR,
    /** 502 with an HTML body, as a proxy in front of the provider sends. */
    HTML_ERROR,
    /** 500 with an empty body. */
    EMPTY_ERROR,
    /** 400 or 422 with the provider's validation-error body. */
    REJECTED,
    /** 401 with the provider's authentication-error body. */
    UNAUTHORIZED,
    /** Nothing listens at the provider's address. */
    CONNECTION_REFUSED,
    /** The request arrives but the answer comes after the provider's read timeout. */
    READ_TIMEOUT;

    /** @return whether the scenario is a failure */
    public boolean isFailure() {
        return this != ACCEPTED;
    }

    /** @return the HTTP status the provider answers with, or 0 where no answer arrives */
    public int httpStatus() {
        return switch (this) {
            case ACCEPTED -> 200;
            case RATE_LIMITED -> 429;
            case SERVER_ERROR -> 503;
            case HTML_ERROR -> 502;
            case EMPTY_ERROR -> 500;
            case REJECTED -> 400;
            case UNAUTHORIZED -> 401;
            case CONNECTION_REFUSED, READ_TIMEOUT -> 0;
        };
    }
}
