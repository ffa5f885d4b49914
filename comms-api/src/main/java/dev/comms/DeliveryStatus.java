package dev.comms;

/** Where a message stands, as far as Comms knows when the receipt is made or an event arrives. */
public enum DeliveryStatus {
    /** The provider accepted it and will send it. */
    QUEUED,
    /** The provider handed it to the carrier or mail server. */
    SENT,
    /** It reached the recipient (from a delivery event). */
    DELIVERED,
    /** An AI completion returned its answer. */
    COMPLETED,
    /** Delivery failed (from a delivery event). */
    FAILED,
    /** It may or may not have been accepted: an ambiguous failure that was not retried. */
    UNKNOWN
}
