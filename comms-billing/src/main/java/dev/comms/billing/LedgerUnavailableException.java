package dev.comms.billing;

/**
 * The ledger's store could not be reached (a dropped connection, a database restart, a pool that gave
 * no connection) and the operation's own retries ran out or met its deadline. The operation either did
 * not happen or its outcome is unknown; every ledger operation is safe to repeat (by key, by send id or
 * by the hold's state), so repeating it later never charges twice.
 */
public class LedgerUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * @param message what could not be done, without SQL text
     * @param cause the last error
     */
    public LedgerUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
