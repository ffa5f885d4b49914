package dev.comms.event;

import dev.comms.Channel;
import java.util.Locale;

/**
 * Where a message stands, normalised across providers, with the hosted API's wire name
 * ({@code sms.delivered}, {@code call.completed}, {@code email.bounced}). A terminal status ends the
 * message's story: a later, earlier-stage event (a late {@code sent} after {@code failed}) never moves
 * it back. Vendor events with no mapping are {@link #UNKNOWN}, never dropped.
 */
public enum EventStatus {
    /** Accepted by the provider, not yet handed on. */
    SMS_QUEUED(Channel.SMS, 1, false),
    /** Handed to the carrier. */
    SMS_SENT(Channel.SMS, 2, false),
    /** The handset confirmed it. */
    SMS_DELIVERED(Channel.SMS, 9, true),
    /** The carrier could not deliver it. */
    SMS_UNDELIVERED(Channel.SMS, 9, true),
    /** It failed before it was sent. */
    SMS_FAILED(Channel.SMS, 9, true),
    /** An inbound message arrived. */
    SMS_RECEIVED(Channel.SMS, 9, true),
    /** The call was created. */
    CALL_INITIATED(Channel.VOICE, 1, false),
    /** The callee's phone is ringing. */
    CALL_RINGING(Channel.VOICE, 2, false),
    /** The callee answered. */
    CALL_ANSWERED(Channel.VOICE, 3, false),
    /** The call ended after it was answered; carries its duration. */
    CALL_COMPLETED(Channel.VOICE, 9, true),
    /** The line was busy. */
    CALL_BUSY(Channel.VOICE, 9, true),
    /** Nobody answered. */
    CALL_NO_ANSWER(Channel.VOICE, 9, true),
    /** The call could not be placed. */
    CALL_FAILED(Channel.VOICE, 9, true),
    /** The call was cancelled before it was answered. */
    CALL_CANCELED(Channel.VOICE, 9, true),
    /** The receiving server accepted the email. */
    EMAIL_DELIVERED(Channel.EMAIL, 5, true),
    /** Delivery is delayed; the provider keeps trying. */
    EMAIL_DEFERRED(Channel.EMAIL, 2, false),
    /** The receiving server refused it. */
    EMAIL_BOUNCED(Channel.EMAIL, 9, true),
    /** The recipient marked it as spam. */
    EMAIL_COMPLAINED(Channel.EMAIL, 10, true),
    /** The recipient opened it. */
    EMAIL_OPENED(Channel.EMAIL, 6, true),
    /** The recipient clicked a link in it. */
    EMAIL_CLICKED(Channel.EMAIL, 7, true),
    /** The recipient unsubscribed. */
    EMAIL_UNSUBSCRIBED(Channel.EMAIL, 10, true),
    /** A vendor event with no mapping; kept with its raw payload. */
    UNKNOWN(null, 0, false);

    private final Channel channel;
    private final int rank;
    private final boolean terminal;

    EventStatus(Channel channel, int rank, boolean terminal) {
        this.channel = channel;
        this.rank = rank;
        this.terminal = terminal;
    }

    /**
     * @return the channel, or null for {@link #UNKNOWN}
     */
    public Channel channel() {
        return channel;
    }

    /** @return true if nothing after it changes the message's outcome (delivered, failed, completed, bounced...) */
    public boolean terminal() {
        return terminal;
    }

    /**
     * Whether this status may replace {@code current} as the message's status: never backwards, never
     * one outcome for another (a late {@code delivered} after {@code failed} is kept as an event but
     * does not change the status), and email engagement (opened, clicked) only after delivery.
     *
     * @param current the message's status now, or null for none
     * @return true if the message moves to this status
     */
    public boolean advances(EventStatus current) {
        if (current == null || current == UNKNOWN) {
            return this != UNKNOWN;
        }
        if (this == UNKNOWN || current.channel != channel) {
            return false;
        }
        if (current.terminal && !(current == EMAIL_DELIVERED || current == EMAIL_OPENED || current == EMAIL_CLICKED)) {
            return false; // failed, bounced, completed... are final
        }
        return rank > current.rank;
    }

    /**
     * @return the hosted API's name: {@code sms.delivered}, {@code call.no_answer}, {@code email.bounced}, {@code unknown}
     */
    public String wireName() {
        if (this == UNKNOWN) {
            return "unknown";
        }
        String n = name().toLowerCase(Locale.ROOT);
        int u = n.indexOf('_');
        String prefix = channel == Channel.VOICE ? "call" : channel.key();
        return prefix + "." + n.substring(u + 1);
    }
}
