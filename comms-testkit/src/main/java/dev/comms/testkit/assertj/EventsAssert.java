package dev.comms.testkit.assertj;

import dev.comms.CallReceipt;
import dev.comms.Receipt;
import dev.comms.event.DeliveryEvent;
import dev.comms.event.EventStatus;
import dev.comms.testkit.RecordingEvents;
import java.util.List;
import org.assertj.core.api.AbstractAssert;

/** Assertions on the events a {@link RecordingEvents} heard. */
public final class EventsAssert extends AbstractAssert<EventsAssert, RecordingEvents> {
    EventsAssert(RecordingEvents actual) {
        super(actual, EventsAssert.class);
    }

    private List<DeliveryEvent> of(Receipt r) {
        return actual.events().stream().filter(e -> e.messageId().equals(r.id())
                || (!r.providerMessageId().isEmpty() && e.providerMessageId().equals(r.providerMessageId()))).toList();
    }

    /**
     * @param receipt a sent SMS or email
     * @param status the status it must have reached
     * @return this
     */
    public EventsAssert hasEvent(Receipt receipt, EventStatus status) {
        isNotNull();
        if (of(receipt).stream().noneMatch(e -> e.status() == status)) {
            failWithMessage("Expected a %s event for message %s but heard %s", status.wireName(), receipt.id(), of(receipt));
        }
        return this;
    }

    /**
     * @param receipt a sent SMS or email
     * @return this
     */
    public EventsAssert hasDelivered(Receipt receipt) {
        return hasEvent(receipt, receipt.channel() == dev.comms.Channel.EMAIL ? EventStatus.EMAIL_DELIVERED : EventStatus.SMS_DELIVERED);
    }

    /**
     * @param call a placed call
     * @return this
     */
    public EventsAssert hasCompleted(CallReceipt call) {
        return hasEvent(call, EventStatus.CALL_COMPLETED);
    }

    /**
     * @param receipt a receipt
     * @param count how many events must have been heard for it
     * @return this
     */
    public EventsAssert hasEventsFor(Receipt receipt, int count) {
        isNotNull();
        int n = of(receipt).size();
        if (n != count) {
            failWithMessage("Expected %s event(s) for message %s but heard %s: %s", count, receipt.id(), n, of(receipt));
        }
        return this;
    }
}
