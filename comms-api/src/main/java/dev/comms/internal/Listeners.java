package dev.comms.internal;

import dev.comms.AttemptEvent;
import dev.comms.BillingEvent;
import dev.comms.Channel;
import dev.comms.CommsException;
import dev.comms.CommsListener;
import dev.comms.Receipt;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls user listeners, each guarded: one that throws anything short of a VM error (a runtime
 * exception, a checked exception thrown sneakily, an assertion or linkage error) is logged once and
 * never breaks a send. A {@link VirtualMachineError} (out of memory) is not swallowed.
 */
public final class Listeners {
    private static final Logger LOG = LoggerFactory.getLogger(Listeners.class);

    private final List<CommsListener> listeners;
    private final AtomicBoolean[] warned;

    /** @param listeners the listeners, in call order */
    public Listeners(List<CommsListener> listeners) {
        this.listeners = List.copyOf(listeners);
        this.warned = new AtomicBoolean[this.listeners.size()];
        for (int i = 0; i < warned.length; i++) {
            warned[i] = new AtomicBoolean();
        }
    }

    /** @param e the attempt */
    public void attempt(AttemptEvent e) {
        each(l -> l.onAttempt(e));
    }

    /** @param r the receipt */
    public void sent(Receipt r) {
        each(l -> l.onSent(r));
    }

    /**
     * @param channel the channel
     * @param messageId the message id
     * @param error the error
     */
    public void failed(Channel channel, String messageId, CommsException error) {
        each(l -> l.onFailed(channel, messageId, error));
    }

    /**
     * Reports a billing event; logs it too (WARN for money not charged or lost, INFO otherwise), so an
     * application without listeners still sees it.
     *
     * @param e the event
     */
    public void billing(BillingEvent e) {
        switch (e.kind()) {
            case UNBILLED, UNKNOWN_OUTCOME_CHARGED, SETTLEMENT_LOST, SETTLEMENT_DEFERRED ->
                    LOG.warn("Comms billing {}: account {}, hold {}, {}: {}", e.kind(), e.account(), e.holdId(), e.amount().format(),
                            e.detail());
            default -> LOG.info("Comms billing {}: account {}, hold {}, {}", e.kind(), e.account(), e.holdId(), e.amount().format());
        }
        each(l -> l.onBilling(e));
    }

    /** @param e an event that moved a message forward */
    public void event(dev.comms.event.DeliveryEvent e) {
        each(l -> l.onEvent(e));
    }

    /** @param m an inbound message */
    public void inbound(dev.comms.event.InboundMessage m) {
        each(l -> l.onInbound(m));
    }

    private void each(Consumer<CommsListener> call) {
        for (int i = 0; i < listeners.size(); i++) {
            try {
                call.accept(listeners.get(i));
            } catch (VirtualMachineError fatal) {
                throw fatal;
            } catch (Throwable t) {
                broke(i, t);
            }
        }
    }

    private void broke(int i, Throwable t) {
        if (warned[i].compareAndSet(false, true)) {
            LOG.warn("Comms listener {} threw; the send was not affected. Later failures of this listener are logged at DEBUG.",
                    listeners.get(i).getClass().getName(), t);
        } else {
            LOG.debug("Comms listener {} threw again", listeners.get(i).getClass().getName(), t);
        }
    }
}
