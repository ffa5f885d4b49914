package dev.comms.testkit;

import dev.comms.CommsListener;
import dev.comms.event.DeliveryEvent;
import dev.comms.event.InboundMessage;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A listener that records every event and inbound message the facade reports, for assertions:
 * {@code assertThat(events).hasDelivered(receipt)}.
 *
 * <pre>{@code
 * RecordingEvents events = new RecordingEvents();
 * Comms comms = Comms.builder().provider(fake).listener(events).build();
 * }</pre>
 *
 * <p>Thread-safe.
 */
public final class RecordingEvents implements CommsListener {
    private final List<DeliveryEvent> events = new CopyOnWriteArrayList<>();
    private final List<InboundMessage> inbound = new CopyOnWriteArrayList<>();

    /** An empty recorder. */
    public RecordingEvents() {
    }

    @Override
    public void onEvent(DeliveryEvent event) {
        events.add(event);
    }

    @Override
    public void onInbound(InboundMessage message) {
        inbound.add(message);
    }

    /** @return the events reported, in order */
    public List<DeliveryEvent> events() {
        return List.copyOf(events);
    }

    /** @return the inbound messages reported, in order */
    public List<InboundMessage> inbound() {
        return List.copyOf(inbound);
    }
}
