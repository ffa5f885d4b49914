package dev.comms;

import java.util.List;
import java.util.Map;

/**
 * The outcome of {@code sendAll}: how many were sent, their receipts, and why each failed one failed
 * (as the Relatel multi-recipient API returns {@code sent} and {@code failed_numbers}).
 *
 * @param receipts the receipts of the messages sent, in input order
 * @param failures for each failed message, by its index in the input, the error
 * @param <R> the receipt type
 */
public record BulkResult<R extends Receipt>(List<R> receipts, Map<Integer, CommsException> failures) {
    /**
     * Copies the components.
     *
     * @param receipts the receipts of the messages sent, in input order
     * @param failures for each failed message, by its index in the input, the error
     */
    public BulkResult {
        receipts = List.copyOf(receipts);
        failures = Map.copyOf(failures);
    }

    /** @return how many were sent */
    public int sent() {
        return receipts.size();
    }

    /** @return how many failed */
    public int failed() {
        return failures.size();
    }
}
