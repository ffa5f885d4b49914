package dev.comms.internal;

import dev.comms.AttemptEvent;
import dev.comms.Channel;
import dev.comms.CommsException;
import dev.comms.CommsListener;
import dev.comms.Receipt;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls user listeners, each guarded: one that throws is logged once and never breaks a send. */
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
        for (int i = 0; i < listeners.size(); i++) {
            try {
                listeners.get(i).onAttempt(e);
            } catch (RuntimeException | LinkageError t) {
                broke(i, t);
            }
        }
    }

    /** @param r the receipt */
    public void sent(Receipt r) {
        for (int i = 0; i < listeners.size(); i++) {
            try {
                listeners.get(i).onSent(r);
            } catch (RuntimeException | LinkageError t) {
                broke(i, t);
            }
        }
    }

    /**
     * @param channel the channel
     * @param messageId the message id
     * @param error the error
     */
    public void failed(Channel channel, String messageId, CommsException error) {
        for (int i = 0; i < listeners.size(); i++) {
            try {
                listeners.get(i).onFailed(channel, messageId, error);
            } catch (RuntimeException | LinkageError t) {
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
