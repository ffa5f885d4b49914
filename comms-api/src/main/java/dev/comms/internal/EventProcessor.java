package dev.comms.internal;

import dev.comms.Channel;
import dev.comms.event.DeliveryEvent;
import dev.comms.event.EventStatus;
import dev.comms.event.Events;
import dev.comms.event.InboundMessage;
import dev.comms.event.WebhookOutcome;
import dev.comms.event.WebhookRequest;
import dev.comms.spi.Admission;
import dev.comms.spi.CreditMeter;
import dev.comms.spi.EventStore;
import dev.comms.spi.HoldInfo;
import dev.comms.spi.Usage;
import dev.comms.spi.WebhookHandler;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The facade's event processing: verify, read, deduplicate by (provider, event id), move the
 * message's status only forward, then act on the money: a completed call settles its hold by its
 * started minutes (a call longer than its hold is charged the excess, or recorded unbilled), a call
 * that never connected returns its hold, and a delivery report settles a hold left outcome-unknown
 * (delivered, sent or undelivered: it was sent, committed; failed before sending: released). A call's
 * concurrency slot is freed when it ends.
 *
 * <p>The holds an event acts on are read before anything is recorded: when the credit meter cannot
 * say (its ledger is unreachable) the webhook is answered 503 with nothing recorded, so the provider's
 * retry is processed in full instead of being taken for a duplicate of an event that charged nothing.
 */
final class EventProcessor implements Events {
    private static final Logger LOG = LoggerFactory.getLogger(EventProcessor.class);

    private final Map<String, WebhookHandler> handlers;
    private final EventStore store;
    private final CreditMeter meter;
    private final Admission admission;
    private final Listeners listeners;
    private final Clock clock;

    EventProcessor(Map<String, WebhookHandler> handlers, EventStore store, CreditMeter meter, Admission admission, Listeners listeners,
            Clock clock) {
        this.handlers = Map.copyOf(handlers);
        this.store = store;
        this.meter = meter;
        this.admission = admission;
        this.listeners = listeners;
        this.clock = clock;
    }

    EventStore store() {
        return store;
    }

    @Override
    public WebhookOutcome handle(String providerId, WebhookRequest request) {
        WebhookHandler h = providerId == null ? null : handlers.get(providerId);
        if (h == null) {
            return new WebhookOutcome(404, "no provider '" + providerId + "' takes webhooks here: add its module and its webhook "
                    + "setting (a signing secret or key)", List.of(), 0, 0, List.of());
        }
        WebhookHandler.Verification v;
        try {
            v = h.verify(request, clock.instant());
        } catch (RuntimeException e) {
            v = new WebhookHandler.Verification.Refused("the signature could not be checked (" + e.getClass().getSimpleName() + ")");
        }
        if (v instanceof WebhookHandler.Verification.Refused r) {
            LOG.warn("Comms refused a {} webhook: {}", providerId, r.reason());
            return new WebhookOutcome(401, r.reason(), List.of(), 0, 0, List.of());
        }
        WebhookHandler.Payload payload;
        try {
            payload = h.parse(request);
        } catch (RuntimeException e) {
            LOG.warn("Comms could not read a verified {} webhook: {}", providerId, e.toString());
            return new WebhookOutcome(400, "the body could not be read: " + e.getMessage(), List.of(), 0, 0, List.of());
        }
        Map<String, Optional<HoldInfo>> holds;
        try {
            holds = holdsOf(payload.events());
        } catch (RuntimeException e) {
            LOG.warn("Comms answered a {} webhook 503: the credit meter could not read its holds, so nothing was recorded and the "
                    + "provider's retry will be processed ({})", providerId, e.toString());
            return new WebhookOutcome(503, "the credit ledger cannot be reached: nothing was recorded; deliver this webhook again later",
                    List.of(), 0, 0, List.of());
        }
        List<DeliveryEvent> processed = new ArrayList<>();
        int duplicates = 0;
        int ignored = 0;
        for (DeliveryEvent e : payload.events()) {
            switch (processOne(e, holds.getOrDefault(e.holdId(), Optional.empty()))) {
                case PROCESSED -> processed.add(e);
                case DUPLICATE -> duplicates++;
                default -> ignored++;
            }
        }
        List<InboundMessage> inbound = new ArrayList<>();
        for (InboundMessage m : payload.inbound()) {
            if (receive(m)) {
                inbound.add(m);
            } else {
                duplicates++;
            }
        }
        return new WebhookOutcome(200, "", processed, duplicates, ignored, inbound);
    }

    private enum Result {
        PROCESSED, DUPLICATE, IGNORED
    }

    @Override
    public boolean receive(InboundMessage m) {
        if (!store.firstSeen(m.provider(), "inbound:" + m.providerMessageId())) {
            return false;
        }
        listeners.inbound(m);
        return true;
    }

    /**
     * {@inheritDoc}
     *
     * @throws RuntimeException the credit meter's failure when it cannot read the event's hold; nothing
     *     was recorded then, so the same event can be processed again later
     */
    @Override
    public boolean process(DeliveryEvent event) {
        return processOne(event, holdsOf(List.of(event)).getOrDefault(event.holdId(), Optional.empty())) == Result.PROCESSED;
    }

    /** Reads every hold the events name, before anything is recorded; throws when the meter cannot. */
    private Map<String, Optional<HoldInfo>> holdsOf(List<DeliveryEvent> events) {
        Map<String, Optional<HoldInfo>> holds = new HashMap<>();
        for (DeliveryEvent e : events) {
            if (!e.holdId().isEmpty() && e.status() != EventStatus.UNKNOWN && !holds.containsKey(e.holdId())) {
                holds.put(e.holdId(), meter.holdInfo(e.holdId()));
            }
        }
        return holds;
    }

    private Result processOne(DeliveryEvent e, Optional<HoldInfo> hold) {
        if (!store.firstSeen(e.provider(), e.providerEventId())) {
            return Result.DUPLICATE;
        }
        if (e.status() == EventStatus.UNKNOWN) {
            listeners.event(e); // kept and reported, never silently dropped
            return Result.PROCESSED;
        }
        String key = !e.messageId().isEmpty() ? e.messageId() : e.provider() + ":" + e.providerMessageId();
        if (!store.advance(key, e.status())) {
            LOG.debug("Comms kept {} out: {} does not move {} forward", e.providerEventId(), e.type(), key);
            return Result.IGNORED;
        }
        try {
            act(e, hold);
        } catch (RuntimeException ex) {
            LOG.warn("Comms could not settle the hold of {} for {}; the hold resolves by reconciliation or its lease: {}", key, e.type(),
                    ex.toString());
        }
        listeners.event(e);
        return Result.PROCESSED;
    }

    private void act(DeliveryEvent e, Optional<HoldInfo> found) {
        if (found.isEmpty()) {
            return;
        }
        HoldInfo h = found.get();
        switch (e.status()) {
            case CALL_COMPLETED -> {
                admission.finished(h.account(), h.mode(), Channel.VOICE, h.sendId());
                if (h.pending()) {
                    Duration d = e.duration().orElse(Duration.ZERO);
                    long seconds = d.toSeconds() + (d.toNanosPart() > 0 ? 1 : 0);
                    meter.settle(e.holdId(), h.account(), h.mode(), Usage.voice((seconds + 59) / 60));
                }
            }
            case CALL_BUSY, CALL_NO_ANSWER, CALL_FAILED, CALL_CANCELED -> {
                admission.finished(h.account(), h.mode(), Channel.VOICE, h.sendId());
                meter.resolve(e.holdId(), false);
            }
            case SMS_SENT, SMS_DELIVERED, SMS_UNDELIVERED, EMAIL_DELIVERED, EMAIL_BOUNCED, EMAIL_DEFERRED, EMAIL_OPENED, EMAIL_CLICKED,
                    EMAIL_COMPLAINED, EMAIL_UNSUBSCRIBED -> {
                if (h.outcomeUnknown()) {
                    meter.resolve(e.holdId(), true);
                }
            }
            case SMS_FAILED -> {
                if (h.outcomeUnknown()) {
                    meter.resolve(e.holdId(), false);
                }
            }
            default -> {
                // queued, ringing, answered: nothing to settle yet
            }
        }
    }

    @Override
    public Optional<EventStatus> status(String messageId) {
        return store.status(messageId);
    }
}
