package dev.comms;

import java.time.Instant;

/**
 * What a successful send returns: which provider took the message, under which id, after how many
 * attempts, and what it cost. One record type per channel adds what is particular to it.
 */
public sealed interface Receipt permits SmsReceipt, EmailReceipt, CallReceipt, ChatReceipt {
    /**
     * @return Comms' own id for the message ({@code msg_...}); never null
     */
    String id();

    /** @return the channel; never null */
    Channel channel();

    /** @return the account (tenant) the send belongs to; never null */
    String account();

    /** @return live or test; never null */
    Mode mode();

    /** @return the id of the provider that accepted the message; never null */
    String provider();

    /**
     * @return the provider's id for the message (Twilio {@code SM...}); never null, may be empty when the provider gives none
     */
    String providerMessageId();

    /** @return where the message stands; never null */
    DeliveryStatus status();

    /** @return how many provider calls were made, failovers included; at least 1 */
    int attempts();

    /** @return cost and balance; never null */
    Billing billing();

    /** @return when the send completed; never null */
    Instant timestamp();
}
