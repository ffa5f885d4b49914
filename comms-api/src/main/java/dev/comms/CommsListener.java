package dev.comms;

/**
 * Hooks called as sends happen: for metrics, audit logs, tracing. Every method has a no-op default.
 *
 * <p>A listener that throws never breaks a send, whatever it throws (a checked exception thrown
 * sneakily, an {@link Error} other than a VM error): the facade catches it and logs it once. Listeners
 * are called on the sending thread, so keep them quick. Thread-safety: called concurrently.
 */
public interface CommsListener {
    /** Does nothing. */
    CommsListener NONE = new CommsListener() {
    };

    /**
     * A provider call was made (success or failure).
     *
     * @param event what happened
     */
    default void onAttempt(AttemptEvent event) {
    }

    /**
     * A send succeeded.
     *
     * @param receipt its receipt
     */
    default void onSent(Receipt receipt) {
    }

    /**
     * A send failed (validation, credits, limits or providers).
     *
     * @param channel the channel
     * @param messageId Comms' message id
     * @param error the error the caller receives
     */
    default void onFailed(Channel channel, String messageId, CommsException error) {
    }

    /**
     * Money moved outside the plain path (a shortfall, an outcome charged unknown, a charge kept while
     * the ledger was unreachable, a reconciled send). Reported by the credit meter, also from
     * background maintenance, so it may arrive on a thread other than the sender's.
     *
     * @param event what happened
     */
    default void onBilling(BillingEvent event) {
    }

    /**
     * A provider told us something about a message (a verified webhook or a status lookup) that moved
     * it forward: delivered, failed, a call completed. Duplicates and events that would move a message
     * backwards are not reported.
     *
     * @param event the event
     */
    default void onEvent(dev.comms.event.DeliveryEvent event) {
    }

    /**
     * Someone sent a message to the application (an inbound SMS); reported once per message.
     *
     * @param message the message
     */
    default void onInbound(dev.comms.event.InboundMessage message) {
    }
}
