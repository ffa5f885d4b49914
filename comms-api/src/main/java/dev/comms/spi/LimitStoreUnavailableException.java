package dev.comms.spi;

/** A {@link LimitStore} could not be reached; the limit was neither checked nor consumed. */
public class LimitStoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be done
     * @param cause the underlying failure
     */
    public LimitStoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
