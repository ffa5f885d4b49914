package dev.comms;

import java.util.List;
import java.util.Map;

/**
 * The outcome of one SMS to many numbers ({@link SmsClient#sendToMany}), as the Relatel gateway
 * answers {@code sent} and {@code failed_numbers}: the receipts of the messages sent, in input order,
 * and for every number that failed, why (an invalid number, insufficient credits, a limit, a provider
 * failure). One bad number never stops the others.
 *
 * @param receipts the receipts of the messages sent, in input order
 * @param failedNumbers each failed number, as given, with its error; in input order
 */
public record SmsBulkResult(List<SmsReceipt> receipts, Map<String, CommsException> failedNumbers) {
    /**
     * Copies the components.
     *
     * @param receipts the receipts
     * @param failedNumbers the failures
     */
    public SmsBulkResult {
        receipts = List.copyOf(receipts);
        failedNumbers = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(failedNumbers));
    }

    /** @return how many were sent */
    public int sent() {
        return receipts.size();
    }

    /** @return how many failed */
    public int failed() {
        return failedNumbers.size();
    }

    /**
     * @param code an error code
     * @return how many failed with it
     */
    public long failedWith(ErrorCode code) {
        return failedNumbers.values().stream().filter(e -> e.code() == code).count();
    }
}
