package dev.comms.spi;

import dev.comms.event.EventStatus;
import java.time.Duration;
import java.util.Optional;

/**
 * Where the facade remembers which provider events it has processed (so a webhook delivered twice,
 * or a hundred times at once, is processed once) and where each message stands (so a late,
 * earlier-stage event never moves a terminal status back). In memory for one JVM (the default);
 * {@code JdbcEventStore} in comms-store-jdbc for several. Records are kept for a window (7 days by
 * default) and purged by the facade's maintenance.
 *
 * <p>Thread-safety: implementations must be safe for concurrent use; {@link #firstSeen} answers true
 * exactly once per (provider, event id) within the window, and {@link #advance} is atomic.
 */
public interface EventStore {
    /**
     * The in-memory store.
     *
     * @param clock the facade's clock
     * @param retention how long records are kept
     * @return a new, empty store
     */
    static EventStore inMemory(java.time.Clock clock, Duration retention) {
        return new dev.comms.internal.InMemoryEventStore(clock, retention);
    }

    /**
     * Records an event id.
     *
     * @param provider the provider id
     * @param eventId the event's id
     * @return true the first time, false for a duplicate
     */
    boolean firstSeen(String provider, String eventId);

    /**
     * @param messageKey Comms' message id, or {@code provider:providerMessageId}
     * @return the message's status, if any event was recorded for it
     */
    Optional<EventStatus> status(String messageKey);

    /**
     * Moves a message to {@code next} if {@link EventStatus#advances} allows it from where it stands.
     *
     * @param messageKey the message key
     * @param next the new status
     * @return true if the message moved
     */
    boolean advance(String messageKey, EventStatus next);

    /**
     * Forgets records past the window.
     *
     * @return how many were forgotten
     */
    default int purgeExpired() {
        return 0;
    }
}
